/**
 * The words of a run notification, shared by the Datadog event and Slack: a
 * title, then lines with the period, the control counts per framework, ATT&CK
 * coverage, gaps (new and closed first), the top three next actions and
 * where the pack is. The sentences
 * are templates; the code only picks them and fills in figures.
 */
import { formatMessage } from "../../assess/message-format.js";
import { type Gap, gapKey } from "../../report/gaps.js";
import type { RunReport } from "./contract.js";

export const RUN_MESSAGES = {
  titleCompared: "ddproof {{job}}: {{gaps}} gaps ({{new_gaps}} new, {{closed_gaps}} closed)",
  titleFirst: "ddproof {{job}}: {{gaps}} gaps",
  titleFailed: "ddproof {{job}}: run failed",
  run: "{{kind}} run {{run}} for {{period}} ({{from}} to {{to}}): {{evidence}}",
  evidenceComplete: "complete evidence",
  evidenceIncomplete: "INCOMPLETE evidence, not collected: {{missing}}",
  framework:
    "{{framework}}: pass {{pass}}, partial {{partial}}, fail {{fail}}, unknown {{unknown}}, manual {{manual}}, accepted {{accepted}}",
  attack: "MITRE ATT&CK: {{covered}} of {{total}} techniques at score {{gap_below}} or more",
  gapsCompared: "Gaps: {{gaps}} ({{new_gaps}} new, {{closed_gaps}} closed since run {{previous}})",
  gapsFirst: "Gaps: {{gaps}} (no earlier run to compare with)",
  newGaps: "New: {{list}}",
  closedGaps: "Closed: {{list}}",
  failed: "{{kind}} run {{run}} failed: {{error}}",
  nextAction: "Next action {{rank}}: {{edit}} ({{summary}})",
  pack: "Pack: {{pack}}",
  orgCompared:
    "Org {{org}}: {{evidence}}, {{gaps}} gaps ({{new_gaps}} new, {{closed_gaps}} closed since run {{previous}})",
  orgFirst: "Org {{org}}: {{evidence}}, {{gaps}} gaps (no earlier run to compare with)",
  orgFailed: "Org {{org}}: no pack, the run failed: {{error}}",
  more: "{{shown}} and {{more}} more",
} as const;

/** Next actions a notification names; the gap report lists more. */
export const NAMED_ACTIONS = 3;

/** Gaps named per list; the rest are counted. */
const LISTED_GAPS = 10;

export type AlertType = "info" | "warning" | "error";

export interface RunMessage {
  title: string;
  lines: string[];
  alertType: AlertType;
}

function gapList(gaps: readonly Gap[]): string {
  const shown = gaps.slice(0, LISTED_GAPS).map(gapKey).join(", ");
  return gaps.length > LISTED_GAPS
    ? formatMessage(RUN_MESSAGES.more, { shown, more: gaps.length - LISTED_GAPS })
    : shown;
}

function evidenceOf(run: RunReport["run"]): string {
  return run.status === "complete"
    ? RUN_MESSAGES.evidenceComplete
    : formatMessage(RUN_MESSAGES.evidenceIncomplete, { missing: run.missing_evidence });
}

/** A fleet run's line per org: its outcome, its gaps and what changed since its own previous run. */
function orgLines(report: RunReport): string[] {
  return (report.orgs ?? []).map(({ name, run, changes }) => {
    if (run.status === "failed" || run.summary === null)
      return formatMessage(RUN_MESSAGES.orgFailed, { org: name, error: run.error ?? "unknown error" });
    const counts = {
      org: name,
      evidence: evidenceOf(run),
      gaps: run.summary.gaps,
      new_gaps: changes?.new_gaps.length ?? 0,
      closed_gaps: changes?.closed_gaps.length ?? 0,
    };
    return changes
      ? formatMessage(RUN_MESSAGES.orgCompared, { ...counts, previous: changes.previous })
      : formatMessage(RUN_MESSAGES.orgFirst, counts);
  });
}

function failedMessage(report: RunReport): RunMessage {
  const { job, run } = report;
  return {
    title: formatMessage(RUN_MESSAGES.titleFailed, { job: job.name }),
    lines: [
      formatMessage(RUN_MESSAGES.failed, { kind: job.kind, run: run.id, error: run.error ?? "unknown error" }),
      ...orgLines(report),
    ],
    alertType: "error",
  };
}

export function runMessage(report: RunReport): RunMessage {
  const { job, run, changes } = report;
  const summary = run.summary;
  if (run.status === "failed" || summary === null || run.period === null) return failedMessage(report);

  const counts = {
    job: job.name,
    gaps: summary.gaps,
    new_gaps: changes?.new_gaps.length ?? 0,
    closed_gaps: changes?.closed_gaps.length ?? 0,
  };
  const evidence = evidenceOf(run);
  const lines = [
    formatMessage(RUN_MESSAGES.run, {
      kind: job.kind,
      run: run.id,
      period: run.period.label,
      from: run.period.from,
      to: run.period.to,
      evidence,
    }),
  ];
  for (const [framework, status] of Object.entries(summary.frameworks))
    lines.push(formatMessage(RUN_MESSAGES.framework, { framework, ...status }));
  if (summary.attack) {
    const { covered, total, gap_below } = summary.attack;
    lines.push(formatMessage(RUN_MESSAGES.attack, { covered, total, gap_below }));
  }
  if (changes) {
    lines.push(formatMessage(RUN_MESSAGES.gapsCompared, { ...counts, previous: changes.previous }));
    if (changes.new_gaps.length > 0)
      lines.push(formatMessage(RUN_MESSAGES.newGaps, { list: gapList(changes.new_gaps) }));
    if (changes.closed_gaps.length > 0)
      lines.push(formatMessage(RUN_MESSAGES.closedGaps, { list: gapList(changes.closed_gaps) }));
  } else {
    lines.push(formatMessage(RUN_MESSAGES.gapsFirst, counts));
  }
  lines.push(...orgLines(report));
  for (const action of (report.actions ?? []).slice(0, NAMED_ACTIONS))
    lines.push(formatMessage(RUN_MESSAGES.nextAction, action));
  if (report.pack) lines.push(formatMessage(RUN_MESSAGES.pack, { pack: report.pack }));

  const worse = run.status === "incomplete" || counts.new_gaps > 0;
  return {
    title: formatMessage(changes ? RUN_MESSAGES.titleCompared : RUN_MESSAGES.titleFirst, counts),
    lines,
    alertType: worse ? "warning" : "info",
  };
}
