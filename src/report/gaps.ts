/**
 * The gap model every report shares (gaps.csv, the gap report PDF, changes):
 * one entry per control that does not pass and per ATT&CK technique below
 * the configured score, each with a typed reason a report can group by.
 *
 * What counts as a gap:
 * - a control whose own findings make it fail, partial or unknown;
 * - a manual control (nobody has attested it; a lapsed attestation is named);
 * - a technique scoring below `attack.gap_below` with no recorded disposition.
 * A parent whose status only rolls up its children is not listed: its
 * children are, and listing both would count one gap twice.
 */
import type { Assessment, ControlResult, ControlStatus, EvidenceRef, FrameworkResult, ReasonCode } from "../assess/schema.js";
import { ATTACK_FRAMEWORK_ID } from "../assess/attestations.js";
import { controlVerdict } from "./control-reason.js";
import { compareIds } from "./id-order.js";
import { techniqueReason } from "./technique-reason.js";

export interface Gap {
  subject: "control" | "technique";
  /** Framework id, or "mitre-attack". */
  framework: string;
  /** Control id or technique id. */
  id: string;
  /** How the framework writes a control id, when it differs (NIST: SI-4(2)); for display only. */
  label?: string;
  /** Control title or technique name. */
  title: string;
  /** Control status (fail|partial|unknown|manual) or technique "score N". */
  status: string;
  /** Techniques only. */
  score: number | null;
  reason_code: ReasonCode;
  /** The readable sentence (from the deciding finding, or made for the technique). */
  reason: string;
  evidence: EvidenceRef[];
}

export const GAP_REASON_LABELS: Record<ReasonCode, string> = {
  no_rule: "No rule",
  rule_disabled: "Rule disabled",
  source_silent: "Source silent",
  agents_missing: "Agents missing",
  never_fired: "Never fired",
  triage_sla_missed: "Triage SLA missed",
  covered: "Covered",
  single_rule: "Single rule",
  retention_short: "Retention short",
  evidence_unavailable: "Evidence unavailable",
  notification_missing: "Notification missing",
  suppression_hygiene: "Suppression hygiene",
  dashboard_missing: "Dashboard missing",
  attestation_missing: "Attestation missing",
  attestation_expired: "Attestation expired",
};

/** Stable key for diffs: `pci-dss-4.0.1:10.2.1`, `mitre-attack:T1110`. */
export function gapKey(gap: Pick<Gap, "subject" | "framework" | "id">): string {
  return `${gap.framework}:${gap.id}`;
}

/** Control statuses that make a gap, worst first (the order of the gap list). */
const GAP_STATUSES: readonly ControlStatus[] = ["fail", "unknown", "partial", "manual"];

/** Used only if a finding ever arrives without a typed reason. */
const FALLBACK_REASON: Partial<Record<ControlStatus, ReasonCode>> = {
  unknown: "evidence_unavailable",
  manual: "attestation_missing",
};

function controlGap(control: ControlResult, framework: FrameworkResult): Gap {
  const verdict = controlVerdict(control, framework);
  return {
    subject: "control",
    framework: framework.id,
    id: control.id,
    ...(control.label === undefined ? {} : { label: control.label }),
    title: control.title,
    status: control.status,
    score: null,
    reason_code: verdict.reason_code ?? FALLBACK_REASON[control.status] ?? "evidence_unavailable",
    reason: verdict.reason,
    evidence: verdict.evidence,
  };
}

function frameworkGaps(framework: FrameworkResult): Gap[] {
  const severity = (control: ControlResult) => GAP_STATUSES.indexOf(control.status);
  const attested = (control: ControlResult) => control.attestations.some((attestation) => attestation.state === "active");
  return framework.controls
    .filter((control) => severity(control) >= 0 && control.status_from !== "children")
    .filter((control) => control.status !== "manual" || !attested(control))
    .sort((a, b) => severity(a) - severity(b) || compareIds(a.id, b.id))
    .map((control) => controlGap(control, framework));
}

function techniqueGaps(attack: NonNullable<Assessment["attack"]>): Gap[] {
  return attack.techniques
    .filter((technique) => technique.score < attack.gap_below && technique.disposition === null)
    .sort((a, b) => a.score - b.score || compareIds(a.id, b.id))
    .map((technique) => ({
      subject: "technique",
      framework: ATTACK_FRAMEWORK_ID,
      id: technique.id,
      title: technique.name,
      status: `score ${technique.score}`,
      score: technique.score,
      reason_code: technique.reason,
      reason: techniqueReason(technique, attack),
      evidence: [
        ...technique.rules.enabled.map((id): EvidenceRef => ({ type: "rule", id })),
        ...technique.visibility.sources.map((id): EvidenceRef => ({ type: "source", id })),
      ],
    }));
}

/** Controls first, framework by framework in assessment order, then ATT&CK techniques. */
export function gapsOf(assessment: Assessment): Gap[] {
  const controls = assessment.frameworks.flatMap(frameworkGaps);
  return assessment.attack === null ? controls : [...controls, ...techniqueGaps(assessment.attack)];
}
