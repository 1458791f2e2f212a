/**
 * The pack's inputs as JSON formats: the snapshot and the assessment it was
 * judged from go into every kind of pack, written by stable-json.ts (sorted
 * keys, byte-identical per input).
 */
import type { ReportFormat, ReportInput } from "./contract.js";
import { stableJson } from "./stable-json.js";

/** A format that writes one of the pack's inputs as JSON, in every kind of pack. */
export function inputJsonFormat(
  id: string,
  path: string,
  description: string,
  value: (input: ReportInput) => unknown,
): ReportFormat {
  return {
    id,
    kinds: ["evidence", "gap", "attack"],
    description,
    async render(input) {
      return [{ path, text: stableJson(value(input)) }];
    },
  };
}
