/**
 * What every notification target receives and promises. Targets run after a
 * run's pack and index entry are written; a target that throws is logged as
 * a warning by the registry and changes nothing about the run.
 */
import type { DatadogSession } from "../../datadog/session.js";
import type { Gap } from "../../report/gaps.js";
import type { RunEntry } from "../history-index.js";
import type { NotifySettings, ScheduledJob } from "../scheduled-job.js";

export interface RunReport {
  job: Pick<ScheduledJob, "name" | "kind">;
  run: RunEntry;
  /** Gaps opened and closed since the job's previous run with a pack; null when there was none. */
  changes: { previous: string; new_gaps: Gap[]; closed_gaps: Gap[] } | null;
  /** The pack folder as messages show it (`<job>/<run>`), or null when no pack was written. */
  pack: string | null;
  /** The gap report's top next actions (`ddproof plan`), best first; absent or empty for other packs. */
  actions?: ReadonlyArray<{ rank: number; edit: string; summary: string }>;
  /**
   * A fleet job's orgs, by name: each org's own entry, changes and pack. Then `run`,
   * `changes` and `pack` are the fleet's, and the run sends this one report, not one per org.
   */
  orgs?: ReadonlyArray<{
    name: string;
    run: RunEntry;
    changes: RunReport["changes"];
    pack: string | null;
  }>;
}

export interface NotifyContext {
  /** One Datadog session for every Datadog target of a run, opened on first use. */
  session(): Promise<DatadogSession>;
  /** Aborts a target still waiting (shutdown). */
  signal: AbortSignal;
}

export interface NotifyTarget {
  /** Named in log lines: `datadog-event`, `datadog-metrics`, `slack`. */
  readonly id: string;
  enabled(settings: NotifySettings): boolean;
  send(report: RunReport, settings: NotifySettings, ctx: NotifyContext): Promise<void>;
}
