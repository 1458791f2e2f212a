/**
 * Reads the fields ddproof needs from one signal, as the client returns it or
 * as raw JSON. Severity is not in the client's model and arrives through
 * `additionalProperties.status`; rule and triage are in
 * `attributes.attributes.workflow`, and some responses carry the workflow
 * under `custom.workflow` instead.
 */
import { type Severity, TriageState } from "../../snapshot/schema.js";

export interface SignalRecord {
  id: string;
  /** Epoch ms. */
  timestamp: number;
  severity: Severity | "unknown";
  rule_id: string | null;
  rule_name: string | null;
  triage_state: TriageState | "unknown";
  /** Epoch ms of the last triage state change, when the data has it. */
  triage_updated_at: number | null;
  tags: string[];
  /**
   * The rule type as the API names it in `workflow.rule.type`, normalised to
   * the rule types' own spelling: real signals say "Workload Security" for
   * `workload_security`. Null when absent.
   */
  rule_type: string | null;
  /** The signal's own attributes (`attributes.attributes` and `custom`), for `@field` scope queries; referenced, not copied, and not kept beyond the page. */
  fields: ReadonlyArray<Record<string, unknown>>;
  /** Reserved top-level attributes (`host`, `service`, …) a scope query may name without `@`. */
  reserved: Record<string, unknown>;
}

type Loose = Record<string, unknown> | undefined;

function object(value: unknown): Loose {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

const SEVERITIES = new Set(["info", "low", "medium", "high", "critical"]);

export function readSignal(signal: unknown): SignalRecord | null {
  const root = object(signal);
  const attributes = object(root?.attributes);
  if (!root || !attributes || typeof root.id !== "string") return null;
  // Unknown keys land in `additionalProperties` on typed models; raw JSON has them in place.
  const extra = object(attributes.additionalProperties) ?? {};
  const timestamp =
    attributes.timestamp instanceof Date ? attributes.timestamp.getTime() : Date.parse(String(attributes.timestamp));
  if (!Number.isFinite(timestamp)) return null;
  const workflow =
    object(object(attributes.attributes)?.workflow) ??
    object(object(extra.attributes)?.workflow) ??
    object(object(attributes.custom)?.workflow);
  const rule = object(workflow?.rule);
  const triage = object(workflow?.triage);
  const status = String(extra.status ?? attributes.status ?? "").toLowerCase();
  const state = TriageState.safeParse(triage?.state);
  const updated = Number(triage?.state_update_timestamp ?? triage?.stateUpdateTimestamp);
  return {
    id: root.id,
    timestamp,
    severity: SEVERITIES.has(status) ? (status as Severity) : "unknown",
    rule_id: typeof rule?.id === "string" ? rule.id : null,
    rule_name: typeof rule?.name === "string" ? rule.name : null,
    triage_state: state.success ? state.data : "unknown",
    triage_updated_at: Number.isFinite(updated) && updated > 0 ? updated : null,
    tags: Array.isArray(attributes.tags) ? attributes.tags.filter((tag): tag is string => typeof tag === "string") : [],
    rule_type:
      typeof rule?.type === "string" && rule.type.trim() !== ""
        ? rule.type
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_")
        : null,
    fields: [object(attributes.attributes) ?? object(extra.attributes), object(attributes.custom)].filter(
      (part): part is Record<string, unknown> => part !== undefined,
    ),
    reserved: {
      host: attributes.host ?? extra.host,
      service: attributes.service ?? extra.service,
      status: status || undefined,
    },
  };
}
