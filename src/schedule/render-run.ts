/**
 * A run's pack from its snapshot, in one history (a job's own, or one org's
 * of a fleet job): compared with the history's previous pack, chained to it,
 * with the history's trend, written to `<dir>/<run>/` (whole or not at all),
 * and the figures the index keeps.
 */
import type { KeyObject } from "node:crypto";
import { join } from "node:path";
import type { InputFiles } from "../assess/load-inputs.js";
import type { JobKind, Thresholds } from "../config/schema.js";
import type { OrgName } from "../fleet/org-name.js";
import { type RenderedPack, renderPack } from "../pack/render-pack.js";
import type { ReportFormat } from "../report/contract.js";
import type { Period } from "../snapshot/schema.js";
import { chainLinkFor } from "./history-chain.js";
import type { RunIndex } from "./history-index.js";
import type { Logger } from "./log.js";
import { NAMED_ACTIONS } from "./notify/run-message.js";
import { changesSincePrevious, previousPackOf } from "./previous-run.js";
import type { Produced } from "./record-run.js";
import { summariseRun, trendFromIndex } from "./run-summary.js";

export interface RenderRunOptions {
  kind: JobKind;
  /** The history's folder; the pack goes to `<dir>/<runId>/`. */
  dir: string;
  /** The name its chain links record: the job's, or `<job>/<org>`. */
  historyName: string;
  index: RunIndex;
  runId: string;
  snapshotFile: string;
  period: Period;
  inputs: InputFiles;
  thresholds: Thresholds;
  formats?: readonly ReportFormat[];
  signal?: AbortSignal;
  signingKey: KeyObject | null;
  /** The org of a fleet job this history is of, recorded in the manifest. */
  org?: OrgName | null;
  seconds: { collect: number; startedMs: number };
  log: Logger;
}

export async function renderRun(options: RenderRunOptions): Promise<{ produced: Produced; pack: RenderedPack }> {
  const { kind, dir, index, runId } = options;
  const previous = await previousPackOf(dir, index, options.log);
  const chain = await chainLinkFor(dir, options.historyName, index, runId);
  const pack = await renderPack({
    kind,
    snapshotFile: options.snapshotFile,
    outDir: join(dir, runId),
    inputs: options.inputs,
    thresholds: options.thresholds,
    // Only the gap report shows changes; other kinds still count new and closed gaps for notifications.
    previousDir: kind === "gap" && previous ? previous.dir : null,
    history: trendFromIndex(index),
    formats: options.formats,
    signal: options.signal,
    chain,
    signingKey: options.signingKey,
    org: options.org ?? null,
  });
  const changes = previous ? changesSincePrevious(pack, previous) : null;
  const counts = changes ? { new_gaps: changes.new_gaps.length, closed_gaps: changes.closed_gaps.length } : null;
  const produced: Produced = {
    status: pack.manifest.complete ? "complete" : "incomplete",
    period: options.period,
    missing: pack.manifest.missing_evidence,
    summary: summariseRun(pack.assessment, counts, {
      collect: options.seconds.collect,
      total: (performance.now() - options.seconds.startedMs) / 1000,
    }),
    changes,
    actions: (pack.plan?.actions ?? []).slice(0, NAMED_ACTIONS),
  };
  return { produced, pack };
}
