/**
 * Signal pages are written as bytes (endpoints/signals.ts writeSignal), not
 * through JSON.stringify: these tests hold the fast writer to the signal's
 * object form, and pin the bytes of a few pages so that no change alters
 * what the simulator serves without a test saying so. (Re-pinned when the
 * simulator learnt edge-of-day signals, window spill, API-access audit events and
 * display names of rule types in signals.)
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireSignal, writeSignal } from "../../src/simulator/endpoints/signals.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { buildOrg } from "../../src/simulator/org/demo-org.js";
import { decodeSignalId, encodeSignalId } from "../../src/simulator/org/signals.js";
import { hashKey } from "../../src/simulator/prng.js";
import { AUDIT_PATH, KEYS, NOW, Q3, SIGNALS_PATH } from "./http.js";

describe("writeSignal", () => {
  it("writes exactly the bytes of JSON.stringify(wireSignal(signal)), for every shape a signal takes", () => {
    const seen = { custom: 0, host: 0, archived: 0, incident: 0, unassigned: 0 };
    // 4,000 signals per scale spread over the quarter (every signal of the small one, every 97th of the large one).
    for (const [scale, stride] of [
      ["small", 1],
      ["large", 97],
    ] as const) {
      const stream = buildOrg(2, scale, NOW).signalStream;
      let checked = 0;
      for (const position of stream.positions(Q3.from.getTime(), Q3.to.getTime(), false)) {
        if ((position.bucket + position.index) % stride !== 0) continue;
        const signal = stream.signalAt(position);
        expect(writeSignal(signal).bytes.toString("utf8")).toBe(JSON.stringify(wireSignal(signal)));
        seen.custom += signal.workflowInCustom ? 1 : 0;
        seen.host += signal.hostname ? 1 : 0;
        seen.archived += signal.triage.archiveReason ? 1 : 0;
        seen.incident += signal.triage.incidentIds.length;
        seen.unassigned += signal.triage.assigneeIndex === null ? 1 : 0;
        if (++checked === 4000) break;
      }
      expect(checked).toBe(4000);
    }
    for (const [shape, count] of Object.entries(seen)) expect(count, shape).toBeGreaterThan(0);
  });
});

describe("signal ids", () => {
  it("keep their format and round-trip at the edges of their 32-bit fields", () => {
    expect(encodeSignalId(1, { bucket: 494_000, index: 12 })).toBe("AQAAAAAeJsAAAAAyGo0lv");
    expect(hashKey(1, "signal", 494_000, 12)).toBe(3_127_407_958);
    for (const position of [
      { bucket: 0, index: 0 },
      { bucket: 2 ** 32 - 1, index: 2 ** 32 - 1 },
      { bucket: 494_321, index: 65_537 },
    ]) {
      expect(decodeSignalId(9, encodeSignalId(9, position))).toEqual(position);
      expect(decodeSignalId(10, encodeSignalId(9, position))).toBeNull();
    }
  });
});

describe("pinned page bytes", () => {
  const sims: Record<string, RunningSimulator> = {};
  beforeAll(async () => {
    sims.small = await startSimulator({ scale: "small", seed: 3, now: NOW });
    sims.large = await startSimulator({ scale: "large", seed: 1, now: NOW });
  });
  afterAll(async () => {
    await Promise.all(Object.values(sims).map((sim) => sim.close()));
  });

  /** sha256 over the status and body text of `pages` pages, following the cursor. */
  async function pagesHash(
    sim: RunningSimulator,
    path: string,
    body: Record<string, unknown>,
    limit: number,
    pages: number,
  ): Promise<string> {
    const hash = createHash("sha256");
    let cursor: string | undefined;
    for (let n = 0; n < pages; n++) {
      const response = await fetch(`${sim.url}${path}`, {
        method: "POST",
        headers: KEYS,
        body: JSON.stringify({ ...body, page: { limit, ...(cursor ? { cursor } : {}) } }),
      });
      const text = await response.text();
      hash.update(`${response.status}\n${text}\n`);
      cursor = (JSON.parse(text) as { meta?: { page?: { after?: string } } }).meta?.page?.after;
      if (!cursor) break;
    }
    return hash.digest("hex");
  }

  const quarter = { from: Q3.from.toISOString(), to: Q3.to.toISOString() };

  it("serves the same signal pages as ever, at both scales, with and without a query", async () => {
    const { small, large } = sims as Record<"small" | "large", RunningSimulator>;
    const hashes = [
      await pagesHash(
        large,
        SIGNALS_PATH,
        { filter: { from: "2026-08-14T00:00:00Z", to: quarter.to, query: "*" }, sort: "timestamp" },
        1000,
        2,
      ),
      await pagesHash(
        large,
        SIGNALS_PATH,
        { filter: { ...quarter, query: "status:(high OR critical)" }, sort: "-timestamp" },
        200,
        1,
      ),
      await pagesHash(small, SIGNALS_PATH, { filter: quarter, sort: "timestamp" }, 1000, 2),
      await pagesHash(small, SIGNALS_PATH, { filter: { ...quarter, query: "@workflow.triage.state:open" } }, 100, 2),
    ];
    expect(hashes.map((h) => h.slice(0, 16))).toEqual([
      "e484f748782c385e",
      "7054e126d8d468f7",
      "7cd5e9b149620ac0",
      "0f85ae703b9feb9c",
    ]);
  });

  it("serves the same audit page and the same faulted signal page as ever", async () => {
    const small = sims.small as RunningSimulator;
    const audit = await pagesHash(
      small,
      AUDIT_PATH,
      { filter: { from: "2025-11-01T00:00:00Z", to: "now", query: "*" }, sort: "timestamp" },
      500,
      1,
    );
    small.setFaults("signals:unknown-enum,signals:missing-field");
    const faulted = await pagesHash(small, SIGNALS_PATH, { filter: quarter, sort: "timestamp" }, 5, 1);
    small.setFaults([]);
    expect([audit.slice(0, 16), faulted.slice(0, 16)]).toEqual(["db92205188d6b7a3", "d38d58dc819851a9"]);
  });
});
