/**
 * The job history's pure parts at their edges: run ids and their pattern, the
 * order of runs, retention bounds, the figures a run keeps, missed-run
 * arithmetic, log lines and lock staleness.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  chronological,
  INDEX_FORMAT,
  type RunEntry,
  type RunIndex,
  readRunIndex,
  runsWithPacks,
  writeRunIndex,
} from "../../src/schedule/history-index.js";
import { STALE_AFTER_MS, staleReason } from "../../src/schedule/job-lock.js";
import { createLogger } from "../../src/schedule/log.js";
import { missedScheduledTime, previousScheduledTime } from "../../src/schedule/missed-run.js";
import { applyRetention, runsToPrune } from "../../src/schedule/retention.js";
import { RUN_ID_PATTERN, runIdAt, uniqueRunId } from "../../src/schedule/run-id.js";
import { summariseRun, trendPoint } from "../../src/schedule/run-summary.js";
import { makeCollectDir, removeStaleWorkDirs } from "../../src/schedule/staging.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { assessed } from "../report/data/fixtures/report-input.js";
import { runEntry } from "./run-entry.js";

function index(runs: RunEntry[]): RunIndex {
  return { format: INDEX_FORMAT, job: "nightly", kind: "gap", runs };
}

const ids = (runs: readonly RunEntry[]) => runs.map((run) => run.id);

describe("run ids", () => {
  it("match the whole id only, with an optional numbered suffix", () => {
    for (const id of ["2026-11-29T020000Z", "2026-11-29T020000Z-2", "2026-11-29T020000Z-12"])
      expect(RUN_ID_PATTERN.test(id)).toBe(true);
    for (const id of [
      "x2026-11-29T020000Z",
      "2026-11-29T020000Zx",
      "2026-11-29T02:00:00Z",
      "2026-11-29T020000Z-",
      "../2026-11-29T020000Z",
      "2026-11-29T020000",
    ])
      expect(RUN_ID_PATTERN.test(id)).toBe(false);
  });

  it("drop the milliseconds and every colon, and take no suffix when the second is free", () => {
    expect(runIdAt(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T030405Z");
    expect(uniqueRunId(new Date("2026-01-02T03:04:05Z"), () => false)).toBe("2026-01-02T030405Z");
    const taken = new Set(["2026-01-02T030405Z"]);
    expect(uniqueRunId(new Date("2026-01-02T03:04:05Z"), (id) => taken.has(id))).toBe("2026-01-02T030405Z-2");
  });
});

describe("the order of runs", () => {
  it("is by start time, then by id for runs that started together", () => {
    const runs = [
      runEntry("2026-11-29T020000Z-2", "2026-11-29T02:00:00Z"),
      runEntry("2026-11-28T020000Z", "2026-11-28T02:00:00Z"),
      runEntry("2026-11-29T020000Z-3", "2026-11-29T02:00:00Z"),
      runEntry("2026-11-29T020000Z", "2026-11-29T02:00:00Z"),
      runEntry("2026-11-27T235959Z", "2026-11-28T01:00:00+02:00"),
      // An id out of step with its start time: the time decides.
      runEntry("2026-11-30T000000Z", "2026-11-26T00:00:00Z"),
    ];
    expect(ids(chronological(runs))).toEqual([
      "2026-11-30T000000Z",
      "2026-11-27T235959Z",
      "2026-11-28T020000Z",
      "2026-11-29T020000Z",
      "2026-11-29T020000Z-2",
      "2026-11-29T020000Z-3",
    ]);
    // The input is left as it was.
    expect(runs[0]!.id).toBe("2026-11-29T020000Z-2");
  });

  it("keeps complete and incomplete runs with a pack as the runs with packs", () => {
    const runs = [
      runEntry("2026-11-03T020000Z", "2026-11-03T02:00:00Z", { status: "incomplete" }),
      runEntry("2026-11-02T020000Z", "2026-11-02T02:00:00Z", { status: "failed", pack_dir: null }),
      runEntry("2026-11-01T020000Z", "2026-11-01T02:00:00Z"),
      runEntry("2026-11-04T020000Z", "2026-11-04T02:00:00Z", { status: "complete", pack_dir: null }),
    ];
    expect(ids(runsWithPacks(index(runs)))).toEqual(["2026-11-01T020000Z", "2026-11-03T020000Z"]);
  });
});

describe("the index file on disk", () => {
  it("is indented JSON ending in a newline, readable by the owner and group only", async () => {
    const jobDir = scratchDir("history-units");
    const written = index([runEntry("2026-11-01T020000Z", "2026-11-01T02:00:00Z")]);
    await writeRunIndex(jobDir, written);
    const text = await readFile(join(jobDir, "index.json"), "utf8");
    expect(text).toBe(`${JSON.stringify(written, null, 2)}\n`);
    expect((await stat(join(jobDir, "index.json"))).mode & 0o777).toBe(0o640);
    expect(await readRunIndex(jobDir, "nightly", "gap")).toEqual(written);
  });

  it("keeps every status and trigger, and times written with an offset", async () => {
    const jobDir = scratchDir("history-units");
    const written = index([
      runEntry("2026-11-01T000000Z", "2026-11-01T01:00:00+01:00", {
        status: "incomplete",
        trigger: "missed",
        finished_at: "2026-11-01T01:05:00+01:00",
        missing_evidence: ["agents"],
      }),
      runEntry("2026-11-02T000000Z", "2026-11-02T00:00:00Z", {
        trigger: "manual",
        summary: {
          collected_at: "2026-11-02T01:00:00+01:00",
          frameworks: {},
          attack: null,
          gaps: 0,
          new_gaps: null,
          closed_gaps: null,
          collect_seconds: 0.5,
          duration_seconds: 1,
        },
      }),
      runEntry("2026-11-03T000000Z", "2026-11-03T00:00:00Z", { status: "failed", pack_dir: null, error: "boom" }),
    ]);
    await writeRunIndex(jobDir, written);
    expect(await readRunIndex(jobDir, "nightly", "gap")).toEqual(written);
  });

  it("names a run id that is not one", async () => {
    const jobDir = scratchDir("history-units");
    await writeFile(
      join(jobDir, "index.json"),
      JSON.stringify(index([runEntry("2026-11-01T000000Z", "2026-11-01T00:00:00Z", { id: "last-night" })])),
    );
    await expect(readRunIndex(jobDir, "nightly", "gap")).rejects.toThrow(
      "index.json: runs[0].id: expected a run id such as 2026-11-29T020000Z",
    );
  });

  it("starts empty for a job that never ran, with the job's name and kind", async () => {
    const jobDir = join(scratchDir("history-units"), "never-ran");
    expect(await readRunIndex(jobDir, "weekly", "evidence")).toEqual({
      format: "ddproof-run-index/1",
      job: "weekly",
      kind: "evidence",
      runs: [],
    });
  });

  it("names the file when it cannot be read, or is not JSON", async () => {
    const jobDir = scratchDir("history-units");
    const file = join(jobDir, "index.json");
    await mkdir(file);
    const unreadable = readRunIndex(jobDir, "nightly", "gap");
    await expect(unreadable).rejects.toThrow(InputError);
    await expect(unreadable).rejects.toThrow(`${file}: cannot read the run index (EISDIR)`);
    const other = scratchDir("history-units");
    await writeFile(join(other, "index.json"), "[");
    const broken = readRunIndex(other, "nightly", "gap");
    await expect(broken).rejects.toThrow(InputError);
    await expect(broken).rejects.toThrow(
      new RegExp(
        `^${join(other, "index.json")}: \\(top level\\): not valid JSON \\(.+\\); repair or remove it to start a new history$`,
      ),
    );
  });

  it("refuses an index of another format", async () => {
    const jobDir = scratchDir("history-units");
    await writeFile(join(jobDir, "index.json"), JSON.stringify({ ...index([]), format: "ddproof-run-index/2" }));
    await expect(readRunIndex(jobDir, "nightly", "gap")).rejects.toThrow(/index\.json: format: /);
  });
});

describe("retention at its bounds", () => {
  const now = new Date("2026-11-10T00:00:00Z");
  const day = (n: number, fields: Partial<RunEntry> = {}) =>
    runEntry(
      `2026-11-${String(n).padStart(2, "0")}T000000Z`,
      `2026-11-${String(n).padStart(2, "0")}T00:00:00Z`,
      fields,
    );

  it("keeps a run that started exactly keep_days ago, and removes one a millisecond older", () => {
    const edge = runEntry("2026-11-03T000000Z", "2026-11-03T00:00:00.000Z");
    const older = runEntry("2026-11-02T235959Z", "2026-11-02T23:59:59.999Z");
    expect(ids(runsToPrune(index([older, edge]), { keep_days: 7 }, "none", now))).toEqual(["2026-11-02T235959Z"]);
  });

  it("keeps failed runs newer than the oldest kept pack, and failed runs started with it", () => {
    const runs = [
      day(1),
      day(2, { status: "failed", pack_dir: null }),
      day(3),
      day(4, { status: "failed", pack_dir: null }),
      day(5),
      runEntry("2026-11-03T000000Z-2", "2026-11-03T00:00:00Z", { status: "failed", pack_dir: null }),
    ];
    expect(ids(runsToPrune(index(runs), { keep_last: 2 }, "none", now))).toEqual([
      "2026-11-01T000000Z",
      "2026-11-02T000000Z",
    ]);
  });

  it("keeps every run when keep_last covers them all, and never the run just written", () => {
    const runs = [day(1), day(2), day(3)];
    expect(runsToPrune(index(runs), { keep_last: 3 }, "none", now)).toEqual([]);
    expect(ids(runsToPrune(index(runs), { keep_last: 1 }, "2026-11-01T000000Z", now))).toEqual(["2026-11-02T000000Z"]);
    expect(ids(runsToPrune(index(runs), { keep_days: 1 }, "2026-11-02T000000Z", now))).toEqual([
      "2026-11-01T000000Z",
      "2026-11-03T000000Z",
    ]);
  });

  it("writes nothing when nothing is pruned, and removes only folders of pruned runs that have one", async () => {
    const jobDir = scratchDir("history-units");
    const runs = [day(1), day(2, { status: "failed", pack_dir: null }), day(3)];
    const kept = await applyRetention(jobDir, index(runs), { keep_last: 5 }, "none", now);
    expect(kept.removed).toEqual([]);
    expect(kept.index.runs).toBe(runs);
    await expect(stat(join(jobDir, "index.json"))).rejects.toMatchObject({ code: "ENOENT" });

    await mkdir(join(jobDir, "2026-11-01T000000Z"));
    await mkdir(join(jobDir, "2026-11-03T000000Z"));
    const pruned = await applyRetention(jobDir, index(runs), { keep_days: 7 }, "none", now);
    expect(ids(pruned.removed)).toEqual(["2026-11-01T000000Z", "2026-11-02T000000Z"]);
    expect(ids(pruned.index.runs)).toEqual(["2026-11-03T000000Z"]);
    await expect(stat(join(jobDir, "2026-11-01T000000Z"))).rejects.toMatchObject({ code: "ENOENT" });
    expect((await stat(join(jobDir, "2026-11-03T000000Z"))).isDirectory()).toBe(true);
    expect(await readRunIndex(jobDir, "nightly", "gap")).toEqual(pruned.index);
  });
});

describe("the figures a run keeps", () => {
  it("count controls per status, techniques per score, coverage, gaps, and round durations to the millisecond", () => {
    const { assessment } = assessed();
    const summary = summariseRun(assessment, { new_gaps: 2, closed_gaps: 1 }, { collect: 1.23456, total: 7.0004 });
    // The fixture's ATT&CK scores: T1110 4, T1078 3, T1059 2, T1566 0, T1110.001 0 (gaps below 3).
    expect(summary.attack).toEqual({ covered: 2, total: 5, gap_below: 3, by_score: [2, 0, 1, 1, 1, 0] });
    expect(summary.frameworks).toEqual({ "test-fw": assessment.frameworks[0]!.summary });
    expect(summary.frameworks["test-fw"]).not.toBe(assessment.frameworks[0]!.summary);
    expect(summary).toMatchObject({
      collected_at: assessment.collected_at,
      new_gaps: 2,
      closed_gaps: 1,
      collect_seconds: 1.235,
      duration_seconds: 7,
    });
    // Gaps: controls 3 (fail), 2.1 (partial), 1.2 and 2.2 (manual, not attested), and the three techniques below 3.
    expect(summary.gaps).toBe(7);
    expect(summariseRun(assessment, null, { collect: 0, total: 0 })).toMatchObject({
      new_gaps: null,
      closed_gaps: null,
    });
  });

  it("have no ATT&CK figures when ATT&CK was not assessed, and trend points to match", () => {
    const { assessment } = assessed({ frameworks: ["test-fw"] });
    const summary = summariseRun(assessment, null, { collect: 1, total: 2 });
    expect(summary.attack).toBeNull();
    const counts = assessment.frameworks[0]!.summary;
    expect(trendPoint(summary)).toEqual({
      collected_at: assessment.collected_at,
      attack_covered: null,
      attack_total: null,
      controls_passing: { "test-fw": counts.pass },
      controls_total: { "test-fw": Object.values(counts).reduce((sum, count) => sum + count, 0) },
    });
  });
});

describe("missed runs", () => {
  it("read day of month and day of week from the right fields of five- and six-field expressions", () => {
    // Six fields: seconds first, so day of month is the 4th field and day of week the 6th.
    expect(previousScheduledTime("0 0 2 1 * 1", "UTC", new Date())).toEqual({
      ok: false,
      why: "both day of month and day of week are restricted, which cron libraries read differently",
    });
    expect(previousScheduledTime("0 0 2 * * 1", "UTC", new Date("2026-11-29T12:00:00Z"))).toEqual({
      ok: true,
      at: new Date("2026-11-23T02:00:00Z"),
    });
    // "?" and "*" leave a field unrestricted.
    expect(previousScheduledTime("0 2 ? * 1", "UTC", new Date("2026-11-29T12:00:00Z"))).toEqual({
      ok: true,
      at: new Date("2026-11-23T02:00:00Z"),
    });
    expect(previousScheduledTime("  0 2 1 * *  ", "UTC", new Date("2026-11-29T12:00:00Z"))).toEqual({
      ok: true,
      at: new Date("2026-11-01T02:00:00Z"),
    });
  });

  it("count a field the expression does not have as unrestricted", () => {
    // Four fields: no day-of-week field, so nothing conflicts with the day of month; cron-parser reads the rest.
    expect(previousScheduledTime("0 2 1 *", "UTC", new Date("2026-11-29T12:00:00Z")).ok).toBe(true);
  });

  it("split fields on runs of white space, ignoring it at the ends", () => {
    const now = new Date("2026-11-29T12:00:00Z");
    // Only January: neither the day of month nor the day of week is restricted.
    expect(previousScheduledTime("0 2 * 1 * ", "UTC", now)).toEqual({ ok: true, at: new Date("2026-01-31T02:00:00Z") });
    expect(previousScheduledTime("0 2 *  * 1", "UTC", now)).toEqual({ ok: true, at: new Date("2026-11-23T02:00:00Z") });
  });

  it("say why an expression cannot be read", () => {
    const result = previousScheduledTime("61 * * * *", "UTC", new Date());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.why).toMatch(/^cannot work out earlier scheduled times of "61 \* \* \* \*" \(.+\)$/);
  });

  it("compare with the latest run by start time, not by its place in the index", () => {
    const scheduled = new Date("2026-11-29T02:00:00Z");
    const runs = [
      runEntry("2026-11-29T020001Z", "2026-11-29T02:00:01Z"),
      runEntry("2026-11-28T020000Z", "2026-11-28T02:00:00Z"),
    ];
    expect(missedScheduledTime(index(runs), scheduled)).toBeNull();
    expect(missedScheduledTime(index([runEntry("2026-11-29T020000Z", "2026-11-29T02:00:00Z")]), scheduled)).toBeNull();
    expect(missedScheduledTime(index([runs[1]!]), scheduled)).toBe(scheduled);
  });
});

describe("log lines", () => {
  const clock = () => new Date("2026-11-29T02:00:00.000Z");

  it("quote values with spaces, quotes or equals signs, and print other values bare", () => {
    const lines: string[] = [];
    createLogger("text", (line) => lines.push(line), clock).warn("run skipped", {
      reason: 'say "hi"',
      sum: "a=b",
      count: 3,
      ok: false,
      none: null,
      empty: "",
      skipped: undefined,
    });
    expect(lines).toEqual([
      '2026-11-29T02:00:00.000Z warn  run skipped reason="say \\"hi\\"" sum="a=b" count=3 ok=false none=null empty=""',
    ]);
  });

  it("carry the job and run, bound fields and the call's fields, which win; never replace time, level or msg", () => {
    const lines: string[] = [];
    const log = createLogger("json", (line) => lines.push(line), clock).with({ job: "nightly", target: "slack" });
    log.with({ run: "2026-11-29T020000Z" }).info("sent", { target: "event", time: "x", level: "error", msg: "y" });
    log.error("failed");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: "2026-11-29T02:00:00.000Z",
        level: "info",
        msg: "sent",
        job: "nightly",
        run: "2026-11-29T020000Z",
        target: "event",
      },
      { time: "2026-11-29T02:00:00.000Z", level: "error", msg: "failed", job: "nightly", run: null, target: "slack" },
    ]);
  });

  it("in text, print the job then the run, separated by a space", () => {
    const lines: string[] = [];
    createLogger("text", (line) => lines.push(line), clock)
      .with({ job: "nightly", run: "2026-11-29T020000Z" })
      .error("failed");
    expect(lines).toEqual(["2026-11-29T02:00:00.000Z error nightly 2026-11-29T020000Z failed"]);
  });

  it("in text, print the run without a job, and pad the level", () => {
    const lines: string[] = [];
    createLogger("text", (line) => lines.push(line), clock)
      .with({ run: "2026-11-29T020000Z" })
      .info("done");
    expect(lines).toEqual(["2026-11-29T02:00:00.000Z info  2026-11-29T020000Z done"]);
  });
});

describe("lock staleness", () => {
  const now = new Date("2026-11-29T02:00:00Z");
  const holder = (pid: number, host: string) => ({ pid, host, started: now.toISOString(), run: "r" });

  it("is a dead process on this host, or a heartbeat older than the limit", () => {
    const fresh = new Date(now.getTime() - STALE_AFTER_MS);
    const silent = new Date(now.getTime() - STALE_AFTER_MS - 1000);
    const alive = holder(process.pid, "here");
    expect(staleReason({ holder: alive, text: "", mtime: fresh }, now, "here")).toBeNull();
    expect(staleReason({ holder: alive, text: "", mtime: silent }, now, "here")).toBe("no heartbeat for 301 s");
    // Pid 2^22 + 1 is above Linux's pid limit: no such process.
    const dead = holder(4_194_305, "here");
    expect(staleReason({ holder: dead, text: "", mtime: fresh }, now, "here")).toBe(
      "process 4194305 on this host is gone",
    );
    // On another host the pid says nothing; only the heartbeat counts.
    expect(staleReason({ holder: dead, text: "", mtime: fresh }, now, "elsewhere")).toBeNull();
    expect(staleReason({ holder: null, text: "", mtime: fresh }, now, "here")).toBeNull();
  });
});

describe("work folders of runs", () => {
  it("are made hidden, beside the packs, named after the run", async () => {
    const jobDir = scratchDir("history-units");
    const work = await makeCollectDir(jobDir, "2026-11-29T020000Z");
    expect(work.startsWith(join(jobDir, ".2026-11-29T020000Z.collect.partial-"))).toBe(true);
    expect((await stat(work)).isDirectory()).toBe(true);
    expect(await removeStaleWorkDirs(jobDir)).toEqual([work.slice(jobDir.length + 1)]);
  });

  it("are named in the order JavaScript sorts them, not in the folder's listing order", async () => {
    // Node lists a folder in byte order (UTF-8), which puts U+FF41 (ａ) before U+1F600 (😀); JavaScript's
    // order (UTF-16 units) puts 😀 first.
    const jobDir = scratchDir("history-units");
    await mkdir(join(jobDir, ".\uFF41.partial-1"));
    await mkdir(join(jobDir, ".\u{1F600}.partial-1"));
    expect(await removeStaleWorkDirs(jobDir)).toEqual([".\u{1F600}.partial-1", ".\uFF41.partial-1"]);
    expect(await readdir(jobDir)).toEqual([]);
  });

  it("are removed only when a folder has a work folder's name, or a file a temporary file's name", async () => {
    const jobDir = scratchDir("history-units");
    await mkdir(join(jobDir, ".index.json.tmp-0a1b"));
    await writeFile(join(jobDir, ".2026-11-29T020000Z.partial-0a1b"), "");
    await mkdir(join(jobDir, ".2026-11-29T020000Z.old-0A1b"));
    await writeFile(join(jobDir, ".index.json.tmp-0a1b2c"), "{");
    await writeFile(join(jobDir, ".index.json.tmp-XYZ"), "{");
    await mkdir(join(jobDir, "2026-11-29T020000Z.partial-0a1b"));
    await mkdir(join(jobDir, ".2026-11-29T020000Z.partial-"));
    expect(await removeStaleWorkDirs(jobDir)).toEqual([".2026-11-29T020000Z.old-0A1b", ".index.json.tmp-0a1b2c"]);
    expect((await readdir(jobDir)).sort()).toEqual([
      ".2026-11-29T020000Z.partial-",
      ".2026-11-29T020000Z.partial-0a1b",
      ".index.json.tmp-0a1b",
      ".index.json.tmp-XYZ",
      "2026-11-29T020000Z.partial-0a1b",
    ]);
  });

  it("must match the whole name, and are listed sorted", async () => {
    const jobDir = scratchDir("history-units");
    for (const name of [
      ".b.partial-0a1b",
      "run.2026-11-29T020000Z.partial-0a1b",
      ".a.old-0a1b",
      ".2026-11-29T020000Z.partial-0a1b.keep",
      ".c.partial-0a1b",
    ])
      await mkdir(join(jobDir, name));
    for (const name of ["copy.index.json.tmp-0a1b", ".index.json.tmp-0a1b.bak", ".z.tmp-ff", ".y.tmp-aa"])
      await writeFile(join(jobDir, name), "");
    expect(await removeStaleWorkDirs(jobDir)).toEqual([
      ".a.old-0a1b",
      ".b.partial-0a1b",
      ".c.partial-0a1b",
      ".y.tmp-aa",
      ".z.tmp-ff",
    ]);
    expect((await readdir(jobDir)).sort()).toEqual([
      ".2026-11-29T020000Z.partial-0a1b.keep",
      ".index.json.tmp-0a1b.bak",
      "copy.index.json.tmp-0a1b",
      "run.2026-11-29T020000Z.partial-0a1b",
    ]);
  });

  it("are none in a job folder that does not exist yet", async () => {
    expect(await removeStaleWorkDirs(join(scratchDir("history-units"), "new-job"))).toEqual([]);
  });
});
