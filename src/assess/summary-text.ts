/**
 * The terminal summary `ddproof assess` prints without --json: per framework
 * the status counts and the worst controls, and for ATT&CK the score
 * distribution per tactic. A pure function of the Assessment, so it can be
 * tested line by line.
 */
import type { Assessment, ControlResult, ControlStatus, FrameworkResult } from "./schema.js";

/** Statuses shown as "worst", worst first. */
const WORST_FIRST: readonly ControlStatus[] = ["fail", "unknown", "partial"];
const WORST_SHOWN = 8;

function counts(framework: FrameworkResult): string {
  const s = framework.summary;
  return `pass ${s.pass}, partial ${s.partial}, fail ${s.fail}, unknown ${s.unknown}, manual ${s.manual}, accepted ${s.accepted}, n/a ${s.not_applicable}`;
}

/** The finding that explains a status, or the mix of finding statuses that produced it. */
function explanation(control: ControlResult): string {
  const counted = control.findings.filter((finding) => !finding.informational);
  const finding = counted.find((candidate) => candidate.status === control.status);
  if (finding !== undefined) return finding.reason;
  const tally = new Map<string, number>();
  counted.forEach((candidate) => tally.set(candidate.status, (tally.get(candidate.status) ?? 0) + 1));
  return `checks: ${[...tally].map(([status, count]) => `${count} ${status}`).join(", ")}`;
}

/**
 * The controls that most need attention, worst first. Parents that only roll
 * up their children are left out: their children are listed themselves.
 */
function worstControls(framework: FrameworkResult): string[] {
  const worst = framework.controls
    .filter((control) => WORST_FIRST.includes(control.status) && control.status_from !== "children")
    .sort((a, b) => WORST_FIRST.indexOf(a.status) - WORST_FIRST.indexOf(b.status));
  const shown = worst.slice(0, WORST_SHOWN);
  const width = Math.max(0, ...shown.map((control) => control.id.length));
  const lines = shown.map(
    (control) => `    ${control.status.padEnd(8)} ${control.id.padEnd(width)}  ${explanation(control)}`,
  );
  if (worst.length > WORST_SHOWN) lines.push(`    … and ${worst.length - WORST_SHOWN} more`);
  return lines;
}

function attackLines(attack: NonNullable<Assessment["attack"]>, tacticOrder: readonly string[]): string[] {
  const techniques = attack.techniques.filter((technique) => technique.parent === null);
  const tactics = [...tacticOrder, ...new Set(techniques.flatMap((technique) => technique.tactics))].filter(
    (tactic, i, all) => all.indexOf(tactic) === i,
  );
  const width = Math.max(6, ...tactics.map((tactic) => tactic.length));
  const lines = [
    `MITRE ATT&CK ${attack.version}: ${techniques.length} techniques; below ${attack.gap_below} is a gap`,
    `  ${"tactic".padEnd(width)}  ${[0, 1, 2, 3, 4, 5].map((score) => String(score).padStart(4)).join("")}`,
  ];
  for (const tactic of tactics) {
    const scores = [0, 0, 0, 0, 0, 0];
    techniques
      .filter((technique) => technique.tactics.includes(tactic))
      .forEach((technique) => (scores[technique.score]! += 1));
    lines.push(`  ${tactic.padEnd(width)}  ${scores.map((count) => String(count).padStart(4)).join("")}`);
  }
  if (attack.missing_evidence.length > 0)
    lines.push(`  scores are lower bounds: ${attack.missing_evidence.join(", ")} evidence missing`);
  return lines;
}

export function summaryLines(assessment: Assessment, tacticOrder: readonly string[] = []): string[] {
  const { period } = assessment;
  const lines = [
    `Assessment for ${period.label} (${period.from} to ${period.to}), collected ${assessment.collected_at}`,
  ];
  if (!assessment.complete) {
    lines.push("Incomplete evidence: controls that need it are unknown.");
    assessment.snapshot_warnings
      .filter((warning) => warning.includes("collector failed"))
      .forEach((warning) => lines.push(`  ${warning}`));
  }
  for (const framework of assessment.frameworks) {
    lines.push(
      "",
      `${framework.name} ${framework.version}: ${framework.controls.length} controls: ${counts(framework)}`,
    );
    const worst = worstControls(framework);
    if (worst.length > 0) lines.push("  Worst controls:", ...worst);
  }
  if (assessment.attack !== null) lines.push("", ...attackLines(assessment.attack, tacticOrder));
  return lines;
}
