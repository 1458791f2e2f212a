/** changes.json: for a gap report with an earlier run to compare, what changed (stable JSON). */
import { computeChanges } from "../changes.js";
import type { ReportFormat } from "../contract.js";
import { stableJson } from "../stable-json.js";

export const CHANGES_JSON = "changes.json";

export const format: ReportFormat = {
  id: "changes-json",
  kinds: ["gap"],
  description:
    "changes.json: gaps opened, closed or changed, rules and sources that changed since the previous run (only with --previous)",
  async render(input) {
    if (input.previous === null) return [];
    const changes = computeChanges({ snapshot: input.snapshot, assessment: input.assessment }, input.previous);
    return [{ path: CHANGES_JSON, text: stableJson(changes) }];
  },
};
