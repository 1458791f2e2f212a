/**
 * The Assessment: the output contract of the assessment engine, read by the
 * reports, the pack writer and `ddproof assess --json`. Types are derived
 * from these schemas; nothing else declares them again.
 */
import { z } from "zod";
import { Period } from "../snapshot/schema.js";

/** Statuses a single check result can have. */
export const CheckStatus = z.enum(["pass", "partial", "fail", "unknown", "manual", "not_applicable"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** Statuses of a control: a check status, or `accepted` (an unexpired risk acceptance). */
export const ControlStatus = z.enum([...CheckStatus.options, "accepted"]);
export type ControlStatus = z.infer<typeof ControlStatus>;

/**
 * Why something is a gap, in words a gap report can group by. The first seven
 * are the ATT&CK reasons; the rest name gaps that only framework controls have.
 */
export const ReasonCode = z.enum([
  "no_rule",
  "rule_disabled",
  "source_silent",
  "agents_missing",
  "never_fired",
  "triage_sla_missed",
  "covered",
  /** ATT&CK rung 5 needs a second effective rule. */
  "single_rule",
  "retention_short",
  "evidence_unavailable",
  "notification_missing",
  "suppression_hygiene",
  "dashboard_missing",
  "attestation_missing",
  "attestation_expired",
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const EvidenceType = z.enum([
  "rule",
  "host",
  "source",
  "index",
  "archive",
  "signals",
  "suppression",
  "notification_rule",
  "dashboard",
  "query_window",
  "attestation",
]);
export type EvidenceType = z.infer<typeof EvidenceType>;

export const EvidenceRef = z.object({
  type: EvidenceType,
  id: z.string(),
  label: z.string().optional(),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** The measured figures behind a reason sentence; lists are shown joined by commas. */
export const FindingData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
export type FindingData = z.infer<typeof FindingData>;

export const Finding = z.object({
  /** The check kind, or `attestation` for a note about an attestation. */
  check: z.string(),
  status: CheckStatus,
  /** The readable sentence, made from the message template and the data. */
  reason: z.string(),
  evidence: z.array(EvidenceRef),
  message_id: z.string(),
  data: FindingData,
  reason_code: ReasonCode.nullable(),
  /** Why this check evidences the control (from the mapping). */
  rationale: z.string().nullable(),
  /** Shown but left out of the roll-up (e.g. an expired attestation). */
  informational: z.boolean(),
});
export type Finding = z.infer<typeof Finding>;

export const AttestationType = z.enum(["evidence", "risk_acceptance", "not_applicable"]);
export type AttestationType = z.infer<typeof AttestationType>;

/** An attestation as judged at the snapshot's collection time. */
export const AttestationState = z.enum(["active", "expired", "not_yet_valid"]);

export const AppliedAttestation = z.object({
  type: AttestationType,
  owner: z.string(),
  reason: z.string(),
  date: z.string(),
  expires: z.string(),
  links: z.array(z.string()),
  state: AttestationState,
});
export type AppliedAttestation = z.infer<typeof AppliedAttestation>;

export const ControlResult = z.object({
  id: z.string(),
  /** The catalog's display form of the id when it has one (NIST: "SI-4(2)" for "si-4.2"). */
  label: z.string().optional(),
  title: z.string(),
  parent: z.string().nullable(),
  monitoring_relevant: z.boolean(),
  status: ControlStatus,
  /** `own` when the control's findings decide its status, `children` when it rolls up its children. */
  status_from: z.enum(["own", "children", "attestation"]),
  findings: z.array(Finding),
  attestations: z.array(AppliedAttestation),
});
export type ControlResult = z.infer<typeof ControlResult>;

export const StatusSummary = z.object({
  pass: z.number().int(),
  partial: z.number().int(),
  fail: z.number().int(),
  unknown: z.number().int(),
  manual: z.number().int(),
  accepted: z.number().int(),
  not_applicable: z.number().int(),
});
export type StatusSummary = z.infer<typeof StatusSummary>;

export const FrameworkResult = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  summary: StatusSummary,
  controls: z.array(ControlResult),
});
export type FrameworkResult = z.infer<typeof FrameworkResult>;

export const AttackScore = z.number().int().min(0).max(5);

export const TechniqueResult = z.object({
  id: z.string(),
  name: z.string(),
  tactics: z.array(z.string()),
  parent: z.string().nullable(),
  score: AttackScore,
  rules: z.object({
    enabled: z.array(z.string()),
    effective: z.array(z.string()),
    fired: z.array(z.string()),
  }),
  visibility: z.object({
    /** Datadog log sources that are ingesting and can see the technique. */
    sources: z.array(z.string()),
    /** The ATT&CK log-source names they matched. */
    log_sources: z.array(z.string()),
  }),
  /** `covered` when the score reaches the gap threshold, else what is missing. */
  reason: ReasonCode,
  /** A recorded decision that overrides the gap (risk acceptance or not applicable). */
  disposition: z.enum(["accepted", "not_applicable"]).nullable(),
  attestations: z.array(AppliedAttestation),
});
export type TechniqueResult = z.infer<typeof TechniqueResult>;

export const AttackResult = z.object({
  version: z.string(),
  /** Techniques scoring below this are gaps (config `thresholds.attack_gap_below`). */
  gap_below: AttackScore,
  /** Collectors that failed: the scores are then lower bounds. */
  missing_evidence: z.array(z.string()),
  techniques: z.array(TechniqueResult),
});
export type AttackResult = z.infer<typeof AttackResult>;

export const Assessment = z.object({
  period: Period,
  collected_at: z.string(),
  /** False when a collector failed; the affected controls are `unknown`. */
  complete: z.boolean(),
  /** Failed collectors and their errors. */
  snapshot_warnings: z.array(z.string()),
  frameworks: z.array(FrameworkResult),
  /** Null when mitre-attack was not among the requested frameworks. */
  attack: AttackResult.nullable(),
});
export type Assessment = z.infer<typeof Assessment>;
