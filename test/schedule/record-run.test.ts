/**
 * What a history does with a finished run, called directly: the index entry
 * made from a pack or from why there is none (an abort reads as abandoned),
 * the index written with retention's earlier removals kept or cleared, the
 * log line of how the run ended, and retention applied after a pack only.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Retention } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { INDEX_FORMAT, type RunEntry, type RunIndex, readRunIndex } from "../../src/schedule/history-index.js";
import {
  ABANDONED,
  describeFailure,
  runEntry as entryOf,
  type Produced,
  produceEntry,
  recordRun,
} from "../../src/schedule/record-run.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { captureLog } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

const STARTED = new Date("2026-11-29T02:00:00.000Z");
const FINISHED = new Date("2026-11-29T02:00:09.250Z");
const RUN = { id: "2026-11-29T020000Z", trigger: "missed" as const, started: STARTED };

const PRODUCED: Produced = {
  status: "incomplete",
  period: { label: "last-24h", from: "2026-11-28T02:00:00Z", to: "2026-11-29T02:00:00Z", timezone: "UTC" },
  missing: ["signals"],
  summary: {
    collected_at: "2026-11-29T02:00:00.500Z",
    frameworks: {},
    attack: null,
    gaps: 7,
    new_gaps: 2,
    closed_gaps: 1,
    collect_seconds: 1.5,
    duration_seconds: 9.25,
  },
  changes: null,
  actions: [],
};

describe("describeFailure", () => {
  it("is the input error's message, another error's first line, or abandoned after an abort", () => {
    expect(describeFailure(new InputError("job x: bad input\nsecond line"), undefined)).toBe(
      "job x: bad input\nsecond line",
    );
    expect(describeFailure(new Error("disk full\nat somewhere"), new AbortController().signal)).toBe("disk full");
    const aborted = new AbortController();
    aborted.abort();
    expect(describeFailure(new InputError("job x: bad input"), aborted.signal)).toBe(ABANDONED);
    expect(ABANDONED).toBe("abandoned: shutdown was requested while the run was in progress");
  });
});

describe("the entry of a run", () => {
  it("carries a pack's figures", () => {
    expect(entryOf({ ...RUN, finished: FINISHED }, PRODUCED, "ignored")).toEqual({
      id: "2026-11-29T020000Z",
      status: "incomplete",
      trigger: "missed",
      started_at: "2026-11-29T02:00:00.000Z",
      finished_at: "2026-11-29T02:00:09.250Z",
      period: PRODUCED.period,
      pack_dir: "2026-11-29T020000Z",
      missing_evidence: ["signals"],
      summary: PRODUCED.summary,
      error: null,
    });
  });

  it("says why there is no pack, or that the reason is unknown", () => {
    const failed: RunEntry = {
      id: "2026-11-29T020000Z",
      status: "failed",
      trigger: "missed",
      started_at: "2026-11-29T02:00:00.000Z",
      finished_at: "2026-11-29T02:00:09.250Z",
      period: null,
      pack_dir: null,
      missing_evidence: [],
      summary: null,
      error: "disk full",
    };
    expect(entryOf({ ...RUN, finished: FINISHED }, null, "disk full")).toEqual(failed);
    expect(entryOf({ ...RUN, finished: FINISHED }, null, null)).toEqual({ ...failed, error: "unknown error" });
  });

  it("is made after the run, from its pack", async () => {
    const made = await produceEntry(async () => PRODUCED, RUN, { signal: undefined, now: () => FINISHED });
    expect(made).toEqual({
      produced: PRODUCED,
      failure: null,
      entry: entryOf({ ...RUN, finished: FINISHED }, PRODUCED, null),
    });
  });

  it("is made after a failed run, from its error, or as abandoned after an abort", async () => {
    const error = new Error("Datadog answered HTTP 500\nbody");
    const made = await produceEntry(
      async () => {
        throw error;
      },
      RUN,
      { signal: new AbortController().signal, now: () => FINISHED },
    );
    expect(made.produced).toBeNull();
    expect(made.failure).toBe(error);
    expect(made.entry).toMatchObject({ status: "failed", error: "Datadog answered HTTP 500", pack_dir: null });
    expect(made.entry.finished_at).toBe("2026-11-29T02:00:09.250Z");

    const aborted = new AbortController();
    aborted.abort();
    const abandoned = await produceEntry(
      async () => {
        throw error;
      },
      RUN,
      { signal: aborted.signal, now: () => FINISHED },
    );
    expect(abandoned.entry.error).toBe(ABANDONED);
  });
});

/** A log record without its time and the job and run the test's logger is not bound to. */
function fieldsOf({ time: _time, job: _job, run: _run, ...fields }: Record<string, unknown>): Record<string, unknown> {
  return fields;
}

const OLD = ["2026-11-26T020000Z", "2026-11-27T020000Z", "2026-11-28T020000Z"];

/** A history with three earlier runs with packs (folders on disk) and retention's unrecorded removals. */
function history(removed: string[] | null): { dir: string; index: RunIndex } {
  const dir = scratchDir("record-run");
  for (const id of OLD) mkdirSync(join(dir, id));
  return {
    dir,
    index: {
      format: INDEX_FORMAT,
      job: "nightly",
      kind: "gap",
      runs: OLD.map((id, i) => runEntry(id, `2026-11-2${6 + i}T02:00:00.000Z`)),
      ...(removed ? { retention_removed: removed } : {}),
    },
  };
}

const packEntry = entryOf({ ...RUN, finished: FINISHED }, PRODUCED, null);
const failedEntry = entryOf({ ...RUN, finished: FINISHED }, null, "disk full");

describe("recordRun", () => {
  it("after a pack, clears retention's recorded removals, logs the run's figures and applies retention", async () => {
    const { dir, index } = history(["2026-11-20T020000Z"]);
    const { log, records } = captureLog();
    await recordRun(dir, index, packEntry, { retention: { keep_last: 2 }, now: () => FINISHED, log });
    const written = await readRunIndex(dir, "nightly", "gap");
    expect(written.runs.map((run) => run.id)).toEqual(["2026-11-28T020000Z", "2026-11-29T020000Z"]);
    // Retention's removals of this run are the next run's to record.
    expect(written.retention_removed).toEqual(["2026-11-26T020000Z", "2026-11-27T020000Z"]);
    expect(OLD.map((id) => existsSync(join(dir, id)))).toEqual([false, false, true]);
    expect(records.map(fieldsOf)).toEqual([
      {
        level: "info",
        msg: "run finished",
        status: "incomplete",
        gaps: 7,
        new_gaps: 2,
        closed_gaps: 1,
        pack: join(dir, "2026-11-29T020000Z"),
      },
      { level: "info", msg: "retention removed earlier runs", runs: "2026-11-26T020000Z,2026-11-27T020000Z" },
    ]);
    expect(index.runs).toHaveLength(3);
  });

  it("after a pack that retention leaves alone, writes no removals and logs only the run", async () => {
    const { dir, index } = history(["2026-11-20T020000Z"]);
    const { log, records } = captureLog();
    await recordRun(dir, index, packEntry, { retention: undefined, now: () => FINISHED, log });
    const written = await readRunIndex(dir, "nightly", "gap");
    expect(written.runs.map((run) => run.id)).toEqual([...OLD, "2026-11-29T020000Z"]);
    expect("retention_removed" in written).toBe(false);
    expect(records.map((record) => record.msg)).toEqual(["run finished"]);
  });

  it("after a failure, keeps retention's removals for the next pack, logs the error and removes nothing", async () => {
    const { dir, index } = history(["2026-11-20T020000Z"]);
    const { log, records } = captureLog();
    await recordRun(dir, index, failedEntry, { retention: { keep_last: 1 }, now: () => FINISHED, log });
    const written = await readRunIndex(dir, "nightly", "gap");
    expect(written.runs.map((run) => run.id)).toEqual([...OLD, "2026-11-29T020000Z"]);
    expect(written.retention_removed).toEqual(["2026-11-20T020000Z"]);
    expect(OLD.every((id) => existsSync(join(dir, id)))).toBe(true);
    expect(records.map(fieldsOf)).toEqual([{ level: "error", msg: "run failed", error: "disk full" }]);
  });

  it("after a failure with no removals waiting, writes none", async () => {
    const { dir, index } = history(null);
    const { log } = captureLog();
    await recordRun(dir, index, failedEntry, { retention: undefined, now: () => FINISHED, log });
    expect("retention_removed" in (await readRunIndex(dir, "nightly", "gap"))).toBe(false);
  });

  it("applies retention at the time it is given", async () => {
    const { dir, index } = history(null);
    const { log } = captureLog();
    // keep_days 2 at 2026-11-29T02:00:09Z keeps runs started from 2026-11-27T02:00:09Z on.
    await recordRun(dir, index, packEntry, { retention: { keep_days: 2 }, now: () => FINISHED, log });
    expect((await readRunIndex(dir, "nightly", "gap")).runs.map((run) => run.id)).toEqual([
      "2026-11-28T020000Z",
      "2026-11-29T020000Z",
    ]);
  });

  it("logs a pack's run without figures as having none", async () => {
    const { dir, index } = history(null);
    const { log, records } = captureLog();
    await recordRun(dir, index, { ...packEntry, summary: null }, { retention: undefined, now: () => FINISHED, log });
    expect(records.map(fieldsOf)).toEqual([
      { level: "info", msg: "run finished", status: "incomplete", pack: join(dir, "2026-11-29T020000Z") },
    ]);
  });

  it("keeps the runs, with a warning, when retention cannot be applied", async () => {
    const { dir, index } = history(null);
    const { log, records } = captureLog();
    const broken = {
      get keep_last(): number {
        throw new Error("retention unreadable\nsecond line");
      },
    } as Retention;
    await recordRun(dir, index, packEntry, { retention: broken, now: () => FINISHED, log });
    expect(OLD.every((id) => existsSync(join(dir, id)))).toBe(true);
    expect(records.map(fieldsOf).at(-1)).toEqual({
      level: "warn",
      msg: "retention could not remove earlier runs; they are kept",
      error: "retention unreadable",
    });
  });
});
