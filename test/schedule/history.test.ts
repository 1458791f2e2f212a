/**
 * The job history: run ids, the index file, retention and the trend points
 * built from earlier runs, and the removal of work folders a killed run left.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INDEX_FORMAT,
  type RunEntry,
  type RunIndex,
  type RunSummary,
  readRunIndex,
  writeRunIndex,
} from "../../src/schedule/history-index.js";
import { applyRetention, runsToPrune } from "../../src/schedule/retention.js";
import { runIdAt, uniqueRunId } from "../../src/schedule/run-id.js";
import { TREND_POINTS, trendFromIndex } from "../../src/schedule/run-summary.js";
import { removeStaleWorkDirs } from "../../src/schedule/staging.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-history-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function summary(pass: number): RunSummary {
  return {
    collected_at: "2026-11-01T02:00:00Z",
    frameworks: {
      "pci-dss-4.0.1": { pass, partial: 1, fail: 2, unknown: 0, manual: 3, accepted: 0, not_applicable: 4 },
    },
    attack: { covered: pass, total: 100, gap_below: 3, by_score: [10, 20, 30, 20, 10, 10] },
    gaps: 5,
    new_gaps: null,
    closed_gaps: null,
    collect_seconds: 1.5,
    duration_seconds: 4,
  };
}

/** A run on day `day` of November 2026 at `hour` UTC. */
function run(day: number, status: RunEntry["status"] = "complete", hour = 2): RunEntry {
  const started = new Date(Date.UTC(2026, 10, day, hour));
  const id = runIdAt(started);
  const failed = status === "failed";
  return {
    id,
    status,
    trigger: "schedule",
    started_at: started.toISOString(),
    finished_at: started.toISOString(),
    period: null,
    pack_dir: failed ? null : id,
    missing_evidence: [],
    summary: failed ? null : summary(day),
    error: failed ? "boom" : null,
  };
}

function index(runs: RunEntry[]): RunIndex {
  return { format: INDEX_FORMAT, job: "nightly", kind: "gap", runs };
}

describe("run ids", () => {
  it("are the UTC start time to the second, without colons", () => {
    expect(runIdAt(new Date("2026-11-29T02:00:00.789Z"))).toBe("2026-11-29T020000Z");
  });
  it("get a numbered suffix when the second is taken", () => {
    const taken = new Set(["2026-11-29T020000Z", "2026-11-29T020000Z-2"]);
    expect(uniqueRunId(new Date("2026-11-29T02:00:00Z"), (id) => taken.has(id))).toBe("2026-11-29T020000Z-3");
  });
});

describe("the index file", () => {
  it("is empty for a job that never ran, and round-trips", async () => {
    const jobDir = join(dir, "round-trip");
    expect((await readRunIndex(jobDir, "nightly", "gap")).runs).toEqual([]);
    await writeRunIndex(jobDir, index([run(1), run(2, "failed")]));
    expect((await readRunIndex(jobDir, "nightly", "gap")).runs.map((entry) => [entry.id, entry.status])).toEqual([
      ["2026-11-01T020000Z", "complete"],
      ["2026-11-02T020000Z", "failed"],
    ]);
  });

  it("names the file and the path of a bad entry", async () => {
    const jobDir = join(dir, "bad");
    await mkdir(jobDir, { recursive: true });
    await writeFile(
      join(jobDir, "index.json"),
      JSON.stringify({ ...index([run(1)]), runs: [{ ...run(1), pack_dir: "../../etc" }] }),
    );
    await expect(readRunIndex(jobDir, "nightly", "gap")).rejects.toThrow(/index\.json: runs\[0\]\.pack_dir: /);
    await writeFile(join(jobDir, "index.json"), "{");
    await expect(readRunIndex(jobDir, "nightly", "gap")).rejects.toThrow(
      /index\.json: \(top level\): not valid JSON \(.+\); repair or remove it/,
    );
  });
});

describe("retention", () => {
  const now = new Date("2026-11-10T03:00:00Z");
  const ids = (runs: RunEntry[]) => runs.map((entry) => entry.id.slice(0, 10));

  it("keep_last keeps the newest N packs and drops failed runs older than them", () => {
    const runs = [run(1), run(2, "failed"), run(3), run(4, "incomplete"), run(5, "failed"), run(6)];
    expect(ids(runsToPrune(index(runs), { keep_last: 2 }, runs[5]!.id, now))).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
    ]);
  });

  it("keep_days removes runs that started before the window", () => {
    const runs = [run(1), run(2, "failed"), run(8), run(9)];
    expect(ids(runsToPrune(index(runs), { keep_days: 7 }, runs[3]!.id, now))).toEqual(["2026-11-01", "2026-11-02"]);
  });

  it("removes a run outside either limit, never the run just written, and nothing without a limit", () => {
    const runs = [run(1), run(5), run(9)];
    expect(ids(runsToPrune(index(runs), { keep_last: 2, keep_days: 3 }, runs[2]!.id, now))).toEqual([
      "2026-11-01",
      "2026-11-05",
    ]);
    expect(ids(runsToPrune(index(runs), { keep_days: 1 }, runs[2]!.id, new Date("2027-01-01T00:00:00Z")))).toEqual([
      "2026-11-01",
      "2026-11-05",
    ]);
    expect(runsToPrune(index(runs), undefined, runs[2]!.id, now)).toEqual([]);
  });

  it("deletes only the pruned runs' folders and leaves unlisted folders alone", async () => {
    const jobDir = join(dir, "prune");
    const runs = [run(1), run(2), run(3)];
    for (const entry of runs) await mkdir(join(jobDir, entry.id), { recursive: true });
    await mkdir(join(jobDir, "notes"));
    await writeRunIndex(jobDir, index(runs));
    const { removed } = await applyRetention(jobDir, index(runs), { keep_last: 1 }, runs[2]!.id, now);
    expect(ids(removed)).toEqual(["2026-11-01", "2026-11-02"]);
    expect((await readdir(jobDir)).sort()).toEqual([runs[2]!.id, "index.json", "notes"]);
    expect((await readRunIndex(jobDir, "nightly", "gap")).runs.map((entry) => entry.id)).toEqual([runs[2]!.id]);
  });
});

describe("trend points", () => {
  it("come from earlier runs with a pack, oldest first, at most 30", () => {
    const hourly = Array.from({ length: 33 }, (_, hour) => ({ ...run(20, "complete", hour), summary: summary(hour) }));
    const points = trendFromIndex(index([run(3), run(1), run(2, "failed")]));
    expect(points.map((point) => point.controls_passing["pci-dss-4.0.1"])).toEqual([1, 3]);
    expect(points[0]).toEqual({
      collected_at: "2026-11-01T02:00:00Z",
      attack_covered: 1,
      attack_total: 100,
      controls_passing: { "pci-dss-4.0.1": 1 },
      controls_total: { "pci-dss-4.0.1": 11 },
    });
    const trend = trendFromIndex(index(hourly));
    expect(trend).toHaveLength(TREND_POINTS);
    expect(trend.map((point) => point.controls_passing["pci-dss-4.0.1"])).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 3),
    );
  });
});

describe("work folders left by a killed run", () => {
  it("are removed; packs, the index and other files stay", async () => {
    const jobDir = join(dir, "tidy");
    for (const name of [
      ".2026-11-29T020000Z.collect.partial-Ab12Cd",
      ".2026-11-29T020000Z.partial-0a1b2c3d4e5f",
      "2026-11-28T020000Z",
      ".git",
    ])
      await mkdir(join(jobDir, name), { recursive: true });
    await writeFile(join(jobDir, ".index.json.tmp-0a1b2c3d4e5f"), "{");
    await writeFile(join(jobDir, "index.json"), "{}");
    expect(await removeStaleWorkDirs(jobDir)).toEqual([
      ".2026-11-29T020000Z.collect.partial-Ab12Cd",
      ".2026-11-29T020000Z.partial-0a1b2c3d4e5f",
      ".index.json.tmp-0a1b2c3d4e5f",
    ]);
    expect((await readdir(jobDir)).sort()).toEqual([".git", "2026-11-28T020000Z", "index.json"]);
  });
});
