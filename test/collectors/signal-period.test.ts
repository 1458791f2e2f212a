/**
 * The period invariant, end to end: every signal in the population (and in
 * every count) lies in [from, to), each exactly once, at every slice count.
 * The simulator serves millisecond timestamps with a signal at the first
 * millisecond of every UTC day and one at 23:59:59.750, spills a minute
 * beyond each end of every requested window, and the official client drops
 * the milliseconds of `filter.from`/`filter.to`: all three habits of the real
 * API that once lost or double-counted signals at the edges.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CollectorContext } from "../../src/collectors/context.js";
import { collectSignals } from "../../src/collectors/signals/index.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { buildOrg } from "../../src/simulator/org/demo-org.js";
import { encodeSignalId } from "../../src/simulator/org/signals.js";
import type { SignalsData } from "../../src/snapshot/schema.js";
import { useSimulator } from "../helpers/simulator.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const SEED = 7;
const period = resolvePeriod("2026-Q3", "UTC", NOW);
const FROM = Date.parse(period.from);
const TO = Date.parse(period.to);
const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 200, maxRetries: 2, timeoutMs: 5000 };

const context = useSimulator({ seed: SEED, now: NOW });
let session: DatadogSession;
let dir: string;

/** Ids of the signals the simulated org holds in [from, to), from the org model itself. */
function truth(): Set<string> {
  const stream = buildOrg(SEED, "small", NOW).signalStream;
  const ids = new Set<string>();
  for (const position of stream.positions(FROM, TO, false)) ids.add(encodeSignalId(SEED, position));
  return ids;
}

async function collectWith(slices: number): Promise<{
  data: SignalsData;
  lines: Array<{ id: string; timestamp: string }>;
  warnings: string[];
  requests: number;
}> {
  const stats = { requests: 0, retries: 0 };
  const warnings: string[] = [];
  const populationDir = join(dir, `slices-${slices}`);
  await rm(populationDir, { recursive: true, force: true });
  await import("node:fs/promises").then((fs) => fs.mkdir(populationDir));
  const ctx: CollectorContext = {
    dd: session.dd,
    session,
    period,
    now: NOW,
    populationDir,
    stats,
    call: (invoke) => session.call(stats, invoke),
    warn: (message) => warnings.push(message),
    progress: () => {},
  };
  const data = await collectSignals(ctx, () => slices);
  const text = await readFile(join(populationDir, "signals.jsonl"), "utf8");
  const lines = text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { id: string; timestamp: string });
  return { data, lines, warnings, requests: stats.requests };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-signal-period-"));
  session = await DatadogSession.open(context.target(), { policy: FAST_RETRIES });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the signal population holds exactly the period's signals", () => {
  const expected = truth();

  it("has edge signals to lose: the first millisecond and 23:59:59.750 of the last day are in the period", () => {
    const stream = buildOrg(SEED, "small", NOW).signalStream;
    const times = [...stream.positions(TO - 1000, TO + 1000, false)].map((position) => stream.timestampAt(position));
    expect(times).toContain(TO - 250);
    expect(times).toContain(TO);
    expect([...stream.positions(FROM, FROM + 1, false)]).toHaveLength(1);
    expect(expected.size).toBeGreaterThan(3000);
  });

  for (const slices of [1, 2, 3, 5, 8]) {
    it(`with ${slices} slice(s): each in-period signal once, nothing from outside, in every count`, async () => {
      const { data, lines, warnings, requests } = await collectWith(slices);
      const ids = lines.map((line) => line.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(expected);
      for (const line of lines) {
        const time = Date.parse(line.timestamp);
        expect(time >= FROM && time < TO, line.timestamp).toBe(true);
      }
      expect(lines.map((line) => line.timestamp)).toContain("2026-07-01T00:00:00.000Z");
      expect(lines.map((line) => line.timestamp)).toContain("2026-09-30T23:59:59.750Z");
      expect(data.total).toBe(expected.size);
      expect(data.by_day.reduce((sum, day) => sum + day.count, 0)).toBe(expected.size);
      expect(data.by_rule.reduce((sum, rule) => sum + rule.count, 0)).toBe(expected.size);
      expect(Object.values(data.by_severity).reduce((sum, count) => sum + count, 0)).toBe(expected.size);
      for (const rule of data.by_rule) {
        expect(Date.parse(rule.first_seen)).toBeGreaterThanOrEqual(FROM);
        expect(Date.parse(rule.last_seen)).toBeLessThan(TO);
      }
      // What the API returned from outside the period is counted in a warning, never in the data.
      expect(warnings.join("\n")).toMatch(/^\d+ signal\(s\) the API returned from outside the period/m);
      // One request for the notification rules, one first page, and at least one per slice.
      expect(requests).toBeGreaterThanOrEqual(2 + slices);
    });
  }
});
