/**
 * POST /api/v2/security_monitoring/signals/search
 * (v2 SecurityMonitoringApi.searchSecurityMonitoringSignals). Cursor paging
 * (`page.limit` ≤ 1000, default 10; `meta.page.after` absent on the last
 * page), `sort` "timestamp" | "-timestamp" (default), `filter.to` inclusive.
 * Severity is `attributes.status` (the client keeps it in
 * additionalProperties); rule and triage are under
 * `attributes.attributes.workflow`, or `attributes.custom.workflow` for a few.
 */
import type { DemoRule } from "../org/rules.js";
import { decodeSignalId, encodeSignalId, type DemoSignal } from "../org/signals.js";
import { userAt } from "../org/users.js";
import type { Endpoint, Json } from "./endpoint.js";
import { searchEndpoint } from "./event-search.js";
import { isoMillis } from "./params.js";

const PATH = "/api/v2/security_monitoring/signals/search";

/** A rule's signals all carry the same tags; computed once per rule (pages hold thousands of signals). */
const tagsByRule = new WeakMap<DemoRule, string[]>();

function signalTags(rule: DemoRule): string[] {
  let tags = tagsByRule.get(rule);
  if (!tags) {
    tags = rule.tags.map((t) => t.toLowerCase());
    if (!tags.some((t) => t.startsWith("source:")) && rule.logSources[0]) tags.push(`source:${rule.logSources[0]}`);
    tags.push("env:prod", `rule_type:${rule.type}`);
    tagsByRule.set(rule, tags);
  }
  return tags;
}

function wireSignal(signal: DemoSignal): Json {
  const { rule, triage } = signal;
  const assignee = triage.assigneeIndex === null ? {} : (({ name, handle, uuid, id }) => ({ name, handle, uuid, id }))(userAt(triage.assigneeIndex));
  const workflow = {
    rule: { id: rule.id, name: rule.name, type: rule.type, version: rule.version, tags: rule.tags },
    triage: {
      state: triage.state,
      state_update_timestamp: triage.updatedAt,
      assignee,
      incident_ids: triage.incidentIds,
      ...(triage.archiveReason ? { archive_reason: triage.archiveReason, archive_comment: "" } : {}),
    },
    first_seen: isoMillis(signal.timestamp),
    last_seen: isoMillis(signal.timestamp + (signal.position.index % 7) * 60_000),
  };
  const context: Json = {
    title: rule.name,
    usr: { id: `user${signal.userIndex}@example.com` },
    network: { client: { ip: signal.clientIp } },
    ...(signal.hostname ? { host: signal.hostname } : {}),
  };
  return {
    id: signal.id,
    type: "signal",
    attributes: {
      timestamp: isoMillis(signal.timestamp),
      message: rule.message,
      tags: signalTags(rule),
      status: signal.severity,
      attributes: signal.workflowInCustom ? context : { ...context, workflow },
      custom: signal.workflowInCustom ? { workflow } : {},
    },
  };
}

export const signalsEndpoint: Endpoint = searchEndpoint({
  id: "signals",
  path: PATH,
  unknownType: "signal_v2",
  timeline: (org) => org.signalStream,
  wire: (org, position) => wireSignal(org.signalStream.signalAt(position)),
  encodeId: encodeSignalId,
  decodeId: decodeSignalId,
});
