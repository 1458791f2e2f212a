/**
 * populations/: the index's note for a snapshot collected without a signal
 * population file, a signal file read twice (the second read opens it
 * again) and one that disappears between the render and the write.
 */
import { describe, expect, it } from "vitest";
import type { ReportInput } from "../../../src/report/contract.js";
import { renderPopulations } from "../../../src/report/formats/populations-csv.js";
import { signalRule, signals } from "../../assess/fixtures/snapshot-builder.js";
import { csvRecords } from "./fixtures/parse-csv.js";
import { DEFAULT_SIGNAL_LINES, fileText, orgParts, reportInput, SIGNALS_FILE } from "./fixtures/report-input.js";

async function* linesOf(lines: readonly string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

/** A report input whose signal file can be opened `times` times, then is gone. */
function openable(times: number): { input: ReportInput; opened: () => number } {
  let opened = 0;
  const input: ReportInput = {
    ...reportInput(),
    openPopulation(name) {
      if (name !== SIGNALS_FILE || opened >= times) return null;
      opened += 1;
      return linesOf(DEFAULT_SIGNAL_LINES);
    },
  };
  return { input, opened: () => opened };
}

function signalsFile(input: ReportInput) {
  const file = renderPopulations(input).find((candidate) => candidate.path === "populations/signals.csv");
  if (file === undefined || !("chunks" in file)) throw new Error("signals.csv must be streamed");
  return file;
}

describe("populations/signals.csv", () => {
  it("says the snapshot names no population file when it was collected without one", async () => {
    const input = reportInput({
      parts: {
        ...orgParts(),
        signals: signals({ by_rule: [signalRule("r-brute", 5)], population_file: null }),
      },
    });
    const files = renderPopulations(input);
    expect(files.map((file) => file.path)).not.toContain("populations/signals.csv");
    const index = csvRecords(await fileText(files.at(-1)!));
    expect(index.at(-1)).toEqual({
      file: "populations/signals.csv",
      collector: "signals",
      rows: "",
      status: "omitted",
      note: "the snapshot names no signal population file (it was collected without one)",
    });
  });

  it("reads the stream it opened first, then opens the file again for a second read", async () => {
    const { input, opened } = openable(2);
    const file = signalsFile(input);
    expect(opened()).toBe(1);
    const first = await fileText(file);
    expect(opened()).toBe(1);
    expect(await fileText(file)).toBe(first);
    expect(opened()).toBe(2);
    expect(first.split("\n")).toHaveLength(4);
  });

  it("stops, naming the file, when it disappeared before the pack was written", () => {
    const { input } = openable(1);
    const file = signalsFile(input);
    file.chunks();
    expect(() => file.chunks()).toThrow(
      new Error("the signal population file signals.jsonl disappeared while the pack was written"),
    );
  });
});
