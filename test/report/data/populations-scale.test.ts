/**
 * signals.csv at scale: 200,000 signals streamed in bounded chunks. Apart
 * from populations.test.ts because it takes seconds where those take
 * milliseconds.
 */
import { describe, expect, it } from "vitest";
import { CHUNK_CHARS } from "../../../src/report/csv/write-csv.js";
import { format as populationsCsvFormat } from "../../../src/report/formats/populations-csv.js";
import { reportInput, SIGNALS_FILE, signalLine } from "./fixtures/report-input.js";

// How much memory streaming takes is a figure of `npm run bench` (the render of a million-row
// signals.csv, peak RSS); this test pins the structure that keeps it flat.
describe("signals.csv at scale", () => {
  const TOTAL = 200_000;

  it("streams 200,000 signals in bounded chunks without reading ahead", async () => {
    let pulled = 0;
    async function* population(): AsyncIterable<string> {
      for (let i = 0; i < TOTAL; i += 1) {
        pulled += 1;
        yield signalLine(i);
      }
    }
    const files = await populationsCsvFormat.render(reportInput({ populations: { [SIGNALS_FILE]: population } }));
    const file = files.find((candidate) => candidate.path === "populations/signals.csv")!;
    if (!("chunks" in file)) throw new Error("signals.csv must be streamed as chunks");

    let chunks = 0;
    let lines = 0;
    let largest = 0;
    let pulledAtFirstChunk = 0;
    for await (const chunk of file.chunks()) {
      if (chunks === 0) pulledAtFirstChunk = pulled;
      chunks += 1;
      largest = Math.max(largest, chunk.length);
      for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) lines += 1;
      // Never reads ahead of what it has written by more than one batch of rows and one row.
      expect(pulled - (lines - 1)).toBeLessThanOrEqual(1_001);
    }

    expect(lines).toBe(TOTAL + 1);
    expect(chunks).toBeGreaterThan(10);
    // A chunk is the target size plus at most one batch of rows.
    expect(largest).toBeLessThan(2 * CHUNK_CHARS + 200_000);
    // The first chunk came out long before the population was read to the end.
    expect(pulledAtFirstChunk).toBeLessThan(5_000);
  });
});
