/**
 * POST /api/v2/security_monitoring/signals/search
 * (v2 SecurityMonitoringApi.searchSecurityMonitoringSignals). Cursor paging
 * (`page.limit` ≤ 1000, default 10; `meta.page.after` absent on the last
 * page), `sort` "timestamp" | "-timestamp" (default), `filter.to` inclusive.
 * Severity is `attributes.status` (the client keeps it in
 * additionalProperties); rule and triage are under
 * `attributes.attributes.workflow`, or `attributes.custom.workflow` for a few.
 */
import { JsonWriter } from "../json-writer.js";
import type { DemoRule } from "../org/rules.js";
import { type DemoSignal, decodeSignalId, encodeSignalId } from "../org/signals.js";
import { type DemoUser, userAt } from "../org/users.js";
import type { RawJson } from "../raw-json.js";
import type { Endpoint, Json } from "./endpoint.js";
import { searchEndpoint } from "./event-search.js";
import { isoMillis } from "./params.js";

const PATH = "/api/v2/security_monitoring/signals/search";

/** What every signal of a rule carries, built once per rule: pages hold a thousand signals of a few hundred rules. */
interface RuleParts {
  /** The rule's tags lower-cased, plus source, env and rule type. */
  tags: string[];
  /** For writeSignal, encoded once: `"message":…,"tags":[…]`, `"title":…` and the `workflow.rule` object. */
  messageAndTags: Buffer;
  title: Buffer;
  rule: Buffer;
}

const partsByRule = new WeakMap<DemoRule, RuleParts>();

/** Signals name their rule's type for display, as recorded: "Workload Security" for `workload_security`. */
function displayType(type: string): string {
  return type
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function workflowRule(rule: DemoRule): Json {
  return { id: rule.id, name: rule.name, type: displayType(rule.type), version: rule.version, tags: rule.tags };
}

function ruleParts(rule: DemoRule): RuleParts {
  let parts = partsByRule.get(rule);
  if (!parts) {
    const tags = rule.tags.map((t) => t.toLowerCase());
    if (!tags.some((t) => t.startsWith("source:")) && rule.logSources[0]) tags.push(`source:${rule.logSources[0]}`);
    tags.push("env:prod", `rule_type:${rule.type}`);
    parts = {
      tags,
      messageAndTags: Buffer.from(`"message":${JSON.stringify(rule.message)},"tags":${JSON.stringify(tags)}`),
      title: Buffer.from(`"title":${JSON.stringify(rule.name)}`),
      rule: Buffer.from(JSON.stringify(workflowRule(rule))),
    };
    partsByRule.set(rule, parts);
  }
  return parts;
}

function assignee(user: DemoUser): Json {
  const { name, handle, uuid, id } = user;
  return { name, handle, uuid, id };
}

const encodedAssignees = new Map<number, Buffer>();

function encodedAssignee(userIndex: number): Buffer {
  let encoded = encodedAssignees.get(userIndex);
  if (!encoded) {
    encoded = Buffer.from(JSON.stringify(assignee(userAt(userIndex))));
    encodedAssignees.set(userIndex, encoded);
  }
  return encoded;
}

function lastSeen(signal: DemoSignal): number {
  return signal.timestamp + (signal.position.index % 7) * 60_000;
}

/** The signal's wire form: what queries read, and what writeSignal writes. */
export function wireSignal(signal: DemoSignal): Json {
  const { rule, triage } = signal;
  const workflow = {
    rule: workflowRule(rule),
    triage: {
      state: triage.state,
      state_update_timestamp: triage.updatedAt,
      assignee: triage.assigneeIndex === null ? {} : assignee(userAt(triage.assigneeIndex)),
      incident_ids: triage.incidentIds,
      ...(triage.archiveReason ? { archive_reason: triage.archiveReason, archive_comment: "" } : {}),
    },
    first_seen: isoMillis(signal.timestamp),
    last_seen: isoMillis(lastSeen(signal)),
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
      tags: ruleParts(rule).tags,
      status: signal.severity,
      attributes: signal.workflowInCustom ? context : { ...context, workflow },
      custom: signal.workflowInCustom ? { workflow } : {},
    },
  };
}

/** writeSignal finishes each item before it returns, so one writer serves every page. */
const writer = new JsonWriter();

function writeWorkflow(w: JsonWriter, signal: DemoSignal, rule: Buffer, firstSeen: string): void {
  const { triage } = signal;
  w.raw('{"rule":');
  w.bytes(rule);
  w.raw(',"triage":{"state":');
  w.string(triage.state);
  w.raw(',"state_update_timestamp":');
  w.number(triage.updatedAt);
  w.raw(',"assignee":');
  if (triage.assigneeIndex === null) w.raw("{}");
  else w.bytes(encodedAssignee(triage.assigneeIndex));
  w.raw(',"incident_ids":[');
  triage.incidentIds.forEach((id, index) => {
    if (index > 0) w.raw(",");
    w.number(id);
  });
  w.raw("]");
  if (triage.archiveReason) {
    w.raw(',"archive_reason":');
    w.string(triage.archiveReason);
    w.raw(',"archive_comment":""');
  }
  w.raw('},"first_seen":');
  w.string(firstSeen);
  w.raw(',"last_seen":');
  w.string(isoMillis(lastSeen(signal)));
  w.raw("}");
}

/**
 * Exactly Buffer.from(JSON.stringify(wireSignal(signal))), written field by
 * field in wireSignal's order with the rule's parts encoded once: building
 * the objects and running JSON.stringify over them was most of a page's
 * CPU. test/simulator/wire-bytes.test.ts holds the two together.
 */
export function writeSignal(signal: DemoSignal): RawJson {
  const w = writer;
  const parts = ruleParts(signal.rule);
  const timestamp = isoMillis(signal.timestamp);
  w.begin();
  w.raw('{"id":');
  w.string(signal.id);
  w.raw(',"type":"signal","attributes":{"timestamp":');
  w.string(timestamp);
  w.raw(",");
  w.bytes(parts.messageAndTags);
  w.raw(',"status":');
  w.string(signal.severity);
  w.raw(',"attributes":{');
  w.bytes(parts.title);
  // The user id is "user<n>@example.com": nothing in it to escape.
  w.raw(',"usr":{"id":"user');
  w.number(signal.userIndex);
  w.raw('@example.com"},"network":{"client":{"ip":');
  w.string(signal.clientIp);
  w.raw("}}");
  if (signal.hostname) {
    w.raw(',"host":');
    w.string(signal.hostname);
  }
  // A few signals carry the workflow under `custom` instead of `attributes`.
  if (signal.workflowInCustom) {
    w.raw('},"custom":{"workflow":');
    writeWorkflow(w, signal, parts.rule, timestamp);
    w.raw("}}}");
  } else {
    w.raw(',"workflow":');
    writeWorkflow(w, signal, parts.rule, timestamp);
    w.raw('},"custom":{}}}');
  }
  return w.finish();
}

export const signalsEndpoint: Endpoint = searchEndpoint({
  id: "signals",
  path: PATH,
  unknownType: "signal_v2",
  timeline: (org) => org.signalStream,
  eventAt: (org, position) => org.signalStream.signalAt(position),
  wire: wireSignal,
  encode: writeSignal,
  encodeId: encodeSignalId,
  decodeId: decodeSignalId,
});
