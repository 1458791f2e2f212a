/**
 * POST /api/v2/audit/events/search (v2 AuditApi.searchAuditLogs). Cursor
 * paging like signals. Detection-rule changes look like Datadog's Security
 * Monitoring audit events: evt.name "Security Monitoring", asset.type
 * "security_rule", action created / modified / deleted, asset.id / asset.name,
 * usr.{id,email,name}; enabling or disabling a rule is a "modified" event
 * whose asset.prev_value / asset.new_value differ in `isEnabled`.
 */
import { type DemoAuditEvent, decodeAuditId, encodeAuditId, type RuleChange } from "../org/audit.js";
import { userAt } from "../org/users.js";
import type { Endpoint, Json } from "./endpoint.js";
import { searchEndpoint } from "./event-search.js";
import { isoMillis } from "./params.js";

const PATH = "/api/v2/audit/events/search";
const HTTP_METHOD: Readonly<Record<RuleChange["kind"], string>> = {
  created: "POST",
  modified: "PUT",
  enabled: "PUT",
  disabled: "PUT",
  deleted: "DELETE",
};

function ruleAsset(change: RuleChange): Json {
  const asset: Json = { type: "security_rule", id: change.ruleId, name: change.ruleName };
  if (change.kind === "enabled" || change.kind === "disabled") {
    asset.prev_value = { isEnabled: change.kind === "disabled" };
    asset.new_value = { isEnabled: change.kind === "enabled" };
  }
  return asset;
}

function wireAuditEvent(event: DemoAuditEvent): Json {
  const user = userAt(event.userIndex);
  const change = event.ruleChange;
  const action = change
    ? change.kind === "enabled" || change.kind === "disabled"
      ? "modified"
      : change.kind
    : (event.activity?.action ?? "modified");
  const evtName = change ? "Security Monitoring" : (event.activity?.evtName ?? "Datadog");
  const apiAccess = !change && event.activity?.assetType === null;
  const asset = change
    ? ruleAsset(change)
    : { type: event.activity?.assetType, id: event.activity?.assetId, name: event.activity?.assetName };
  const verb = change?.kind ?? action;
  const subject = change
    ? `detection rule "${change.ruleName}"`
    : apiAccess
      ? "the API"
      : `${String(asset.type)} "${String(asset.name)}"`;
  return {
    id: event.id,
    type: "audit",
    attributes: {
      timestamp: isoMillis(event.timestamp),
      service: change ? "security-monitoring" : "datadog",
      message: `${user.name} ${verb} ${subject}`,
      tags: ["source:audit", `evt.name:${evtName.toLowerCase().replace(/ /g, "_")}`],
      attributes: {
        evt: { name: evtName, actor: { type: "USER" } },
        usr: { id: user.uuid, email: user.handle, name: user.name },
        // An API-access event names no asset (as recorded).
        ...(apiAccess ? {} : { asset }),
        action,
        status: "info",
        network: { client: { ip: event.clientIp } },
        ...(change
          ? {
              http: {
                method: HTTP_METHOD[change.kind],
                url_details: { path: `/api/v2/security_monitoring/rules/${change.ruleId}` },
              },
            }
          : {}),
      },
    },
  };
}

export const auditEndpoint: Endpoint = searchEndpoint({
  id: "audit",
  path: PATH,
  unknownType: "audit_v2",
  timeline: (org) => org.auditTrail,
  eventAt: (org, position) => org.auditTrail.eventAt(position),
  wire: wireAuditEvent,
  ignoresQuery: (event) => event.ruleChange === null && event.activity?.assetType === null,
  encodeId: encodeAuditId,
  decodeId: decodeAuditId,
});
