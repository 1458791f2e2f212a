/**
 * renderRun, one run's pack in one history, called directly on snapshots
 * written here (JSON formats only, so no PDF is rendered): where the pack
 * goes, the figures the index keeps, the comparison with the history's
 * previous pack (handed to the gap report's renderers only), the chain link,
 * the org, the signature, the named actions, and an abort.
 */
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Config } from "../../src/config/schema.js";
import { OrgName } from "../../src/fleet/org-name.js";
import { generateSigningKeyPair, SIGNATURE_FILE } from "../../src/pack/sign.js";
import { verifyPack } from "../../src/pack/verify.js";
import type { ReportFormat, ReportInput, ReportKind } from "../../src/report/contract.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { gapKey, gapsOf } from "../../src/report/gaps.js";
import { INDEX_FORMAT, type RunIndex } from "../../src/schedule/history-index.js";
import { type RenderRunOptions, renderRun } from "../../src/schedule/render-run.js";
import { trendPoint } from "../../src/schedule/run-summary.js";
import {
  buildSnapshot,
  COLLECTED_AT,
  detectionRule,
  logArchive,
  logIndex,
  type PartOverrides,
  PERIOD,
} from "../assess/fixtures/snapshot-builder.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { captureLog } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

const THRESHOLDS = Config.parse({}).thresholds;
const INPUTS = { frameworks: ["pci-dss-4.0.1", "mitre-attack"], userDirs: [], attestationsFile: null };
/** What a later run reads of its previous pack: the snapshot and the assessment. */
const JSON_FORMATS = REPORT_FORMATS.filter((format) => ["snapshot-json", "assessment-json"].includes(format.id));
const FIRST = "2026-10-01T060000Z";
const SECOND = "2026-10-02T060000Z";
const TWO_HOURS_MS = 2 * 3600 * 1000;

/** Five enabled rules whose sources sent nothing: the plan names one action per source, four of them ranked. */
const SILENT_SOURCES = ["cloudtrail", "okta", "gcp", "azure", "github"];
function rulesOn(sources: readonly string[]) {
  return sources.map((source, i) =>
    detectionRule({ id: `r-${source}`, query: `source:${source}`, tags: ["tactic:TA0001", `technique:T107${i}`] }),
  );
}

/** A format of one kind that writes nothing and keeps what renderers are given. */
function recordingFormat(kind: ReportKind): ReportFormat & { seen: ReportInput[] } {
  const seen: ReportInput[] = [];
  return {
    id: `seen-${kind}`,
    kinds: [kind],
    description: "records its input (test)",
    seen,
    async render(input) {
      seen.push(input);
      return [];
    },
  };
}

async function snapshotFile(dir: string, name: string, snapshot: ReturnType<typeof buildSnapshot>): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${JSON.stringify(snapshot)}\n`);
  return file;
}

function emptyIndex(kind: RunIndex["kind"]): RunIndex {
  return { format: INDEX_FORMAT, job: "nightly", kind, runs: [] };
}

function options(dir: string, fields: Partial<RenderRunOptions> & Pick<RenderRunOptions, "snapshotFile">) {
  return {
    kind: "gap",
    dir,
    historyName: "nightly",
    index: emptyIndex("gap"),
    runId: FIRST,
    period: PERIOD,
    inputs: INPUTS,
    thresholds: THRESHOLDS,
    formats: JSON_FORMATS,
    signingKey: null,
    seconds: { collect: 1.5, startedMs: performance.now() },
    log: captureLog().log,
    ...fields,
  } satisfies RenderRunOptions;
}

/** Twelve months of logs kept (an index of 400 days and a working archive): PCI DSS 10.5.1 passes. */
const RETAINED = {
  log_indexes: { indexes: [logIndex("main", 400)] },
  log_archives: { archives: [logArchive("archive-1", "active")] },
};
const RETENTION_GAP = "pci-dss-4.0.1:10.5.1";

/** A history whose first run (FIRST, five silent rules and `parts`) left its pack in `dir`. */
async function historyWithFirstRun(dir: string, kind: RunIndex["kind"], parts: PartOverrides = {}) {
  const snapshot = buildSnapshot({ rules: { rules: rulesOn(SILENT_SOURCES) }, ...parts });
  const first = await renderRun(options(dir, { kind, snapshotFile: await snapshotFile(dir, "first.json", snapshot) }));
  const index: RunIndex = {
    ...emptyIndex(kind),
    runs: [runEntry(FIRST, "2026-10-01T06:00:00Z", { period: PERIOD, summary: first.produced.summary })],
  };
  return { first, index };
}

describe("renderRun", () => {
  it("writes a first run's pack in <dir>/<run>, with its figures, no comparison, and the top three of the plan's actions", async () => {
    const dir = scratchDir("render-run");
    const file = await snapshotFile(dir, "snapshot.json", buildSnapshot({ rules: { rules: rulesOn(SILENT_SOURCES) } }));
    const { produced, pack } = await renderRun(
      options(dir, {
        snapshotFile: file,
        historyName: "nightly/acme",
        org: OrgName.parse("acme"),
        // Started two hours ago: the run's duration counts from there.
        seconds: { collect: 1.25, startedMs: performance.now() - TWO_HOURS_MS },
      }),
    );

    expect((await readdir(join(dir, FIRST))).sort()).toEqual(["assessment.json", "manifest.json", "snapshot.json"]);
    expect(pack.manifest.org).toBe("acme");
    expect(pack.manifest.chain).toEqual({ job: "nightly/acme", run: FIRST, previous: null, retention_removed: [] });
    expect(existsSync(join(dir, FIRST, SIGNATURE_FILE))).toBe(false);

    expect(produced.status).toBe("complete");
    expect(produced.period).toEqual(PERIOD);
    expect(produced.missing).toEqual([]);
    expect(produced.changes).toBeNull();
    const { duration_seconds: duration, ...summary } = produced.summary;
    expect(summary).toEqual({
      collected_at: COLLECTED_AT,
      frameworks: { "pci-dss-4.0.1": pack.assessment.frameworks[0]!.summary },
      attack: {
        covered: 0,
        total: pack.assessment.attack!.techniques.length,
        gap_below: THRESHOLDS.attack_gap_below,
        // T1070, T1071, T1072 and T1074 at 2 (a rule, its source silent); T1073 is no longer in ATT&CK.
        by_score: [pack.assessment.attack!.techniques.length - 4, 0, 4, 0, 0, 0],
      },
      gaps: gapsOf(pack.assessment).length,
      new_gaps: null,
      closed_gaps: null,
      collect_seconds: 1.25,
    });
    // Two hours and the time this test took: not the collect time, not a time since the process started.
    expect(duration).toBeGreaterThanOrEqual(7200);
    expect(duration).toBeLessThan(7200 + 600);

    expect(pack.plan!.actions.map((action) => action.edit)).toHaveLength(4);
    expect(produced.actions).toEqual(pack.plan!.actions.slice(0, 3));
    expect(produced.actions.map((action) => action.rank)).toEqual([1, 2, 3]);
  });

  it("compares a later gap run with the history's previous pack, hands that pack to the renderers, and chains to it", async () => {
    const dir = scratchDir("render-run");
    const { first, index } = await historyWithFirstRun(dir, "gap", RETAINED);
    const seen = recordingFormat("gap");
    // The second run lost two sources' rules and its retention, and could not read the audit trail.
    const second = buildSnapshot({ rules: { rules: rulesOn(SILENT_SOURCES.slice(2)) }, audit: "error" });
    const { produced, pack } = await renderRun(
      options(dir, {
        index,
        runId: SECOND,
        snapshotFile: await snapshotFile(dir, "second.json", second),
        formats: [...JSON_FORMATS, seen],
      }),
    );

    expect(produced.status).toBe("incomplete");
    expect(produced.missing).toEqual(["audit"]);
    expect(produced.changes!.previous).toBe(FIRST);
    expect(produced.changes!.new_gaps.map(gapKey)).toEqual([RETENTION_GAP]);
    expect(produced.changes!.closed_gaps).toEqual([]);
    expect([produced.summary.new_gaps, produced.summary.closed_gaps]).toEqual([1, 0]);
    expect(produced.summary.gaps).toBe(gapsOf(first.pack.assessment).length + 1);

    const input = seen.seen[0]!;
    expect(input.previous!.label).toBe(FIRST);
    expect(input.previous!.snapshot.collectors.rules).toEqual(first.pack.snapshot.collectors.rules);
    expect(input.history).toEqual([trendPoint(first.produced.summary)]);

    const manifestSha = createHash("sha256")
      .update(await readFile(join(dir, FIRST, "manifest.json")))
      .digest("hex");
    expect(pack.manifest.chain).toEqual({
      job: "nightly",
      run: SECOND,
      previous: { run: FIRST, manifest_sha256: manifestSha },
      retention_removed: [],
    });
    expect(pack.manifest.org).toBeUndefined();
  });

  it("does not hand an evidence run's renderers the previous pack, yet counts its new and closed gaps; it names no actions", async () => {
    const dir = scratchDir("render-run");
    const { first, index } = await historyWithFirstRun(dir, "evidence");
    // The second run keeps twelve months of logs: the retention gap closes.
    const seen = recordingFormat("evidence");
    const { produced, pack } = await renderRun(
      options(dir, {
        kind: "evidence",
        index,
        runId: SECOND,
        snapshotFile: await snapshotFile(dir, "second.json", buildSnapshot(RETAINED)),
        formats: [...JSON_FORMATS, seen],
      }),
    );
    expect(seen.seen).toHaveLength(1);
    expect(seen.seen[0]!.previous).toBeNull();
    expect(seen.seen[0]!.history).toEqual([trendPoint(first.produced.summary)]);
    expect(pack.plan).toBeNull();
    expect(produced.actions).toEqual([]);
    expect(produced.changes!.previous).toBe(FIRST);
    expect(produced.changes!.closed_gaps.map(gapKey)).toEqual([RETENTION_GAP]);
    expect(produced.changes!.new_gaps).toEqual([]);
    expect([produced.summary.new_gaps, produced.summary.closed_gaps]).toEqual([0, 1]);
    expect(produced.summary.gaps).toBe(gapsOf(first.pack.assessment).length - 1);
  });

  it("signs the pack with the key given", async () => {
    const dir = scratchDir("render-run");
    const keys = generateSigningKeyPair();
    await renderRun(
      options(dir, {
        snapshotFile: await snapshotFile(dir, "snapshot.json", buildSnapshot()),
        signingKey: createPrivateKey(keys.privatePem),
      }),
    );
    expect(existsSync(join(dir, FIRST, SIGNATURE_FILE))).toBe(true);
    const verdict = await verifyPack(join(dir, FIRST), { publicKey: createPublicKey(keys.publicPem) });
    expect(verdict.ok).toBe(true);
  });

  it("writes nothing for a run whose signal is aborted", async () => {
    const dir = scratchDir("render-run");
    const stop = new AbortController();
    stop.abort(new Error("stopped by SIGTERM"));
    await expect(
      renderRun(
        options(dir, { snapshotFile: await snapshotFile(dir, "snapshot.json", buildSnapshot()), signal: stop.signal }),
      ),
    ).rejects.toThrow("stopped by SIGTERM");
    expect(existsSync(join(dir, FIRST))).toBe(false);
  });
});
