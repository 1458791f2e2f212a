import type { NotificationRule } from "../../../src/snapshot/schema.js";
import { buildSnapshot, detectionRule } from "../fixtures/snapshot-builder.js";
import { runCheckTable } from "../check-table.js";

const route = (id: string, severities: string[], fields: Partial<NotificationRule> = {}): NotificationRule => ({
  id,
  name: `route ${id}`,
  enabled: true,
  severities,
  rule_types: ["log_detection"],
  targets: ["@pagerduty-soc"],
  ...fields,
});
const snap = (routes: NotificationRule[], rules: ReturnType<typeof detectionRule>[] = []) =>
  buildSnapshot({ notification_rules: { notification_rules: routes }, rules: { rules } });
const caseRule = (id: string, severity: string, notifications: string[]) =>
  detectionRule({ id, cases: [{ name: null, severity, notifications, condition: null }] });

runCheckTable("notification_routing", {
  pass: [
    {
      name: "one rule routes both severities",
      snapshot: snap([route("n1", ["CRITICAL", "high"])]),
      messageId: "allRouted",
      data: { routed: 2, severities: 2, per_severity: ["critical via 1 notification rules", "high via 1 notification rules"] },
      evidence: ["n1", "n1"],
      reasonCode: null,
    },
    {
      name: "high routed by the case notifications of every high rule",
      snapshot: snap([route("n1", ["critical"])], [caseRule("r1", "high", ["@slack-sec"]), caseRule("r2", "high", ["@slack-sec"])]),
      messageId: "allRouted",
      data: { per_severity: ["critical via 1 notification rules", "high via case notifications on all 2 rules"] },
    },
    {
      name: "rule_types required and present",
      snapshot: snap([route("n1", ["critical", "high"], { rule_types: ["log_detection", "workload_security"] })]),
      params: { rule_types: ["workload_security"] },
      messageId: "allRouted",
    },
  ],
  partial: [
    {
      name: "high not routed: one high rule without case notifications",
      snapshot: snap([route("n1", ["critical"])], [caseRule("r1", "high", ["@slack"]), caseRule("r2", "high", [])]),
      messageId: "someRouted",
      data: { routed: 1, severities: 2 },
      evidence: ["n1", "r2"],
      reasonCode: "notification_missing",
    },
    {
      name: "a disabled route and a route without targets do not count",
      snapshot: snap([route("n1", ["critical"]), route("n2", ["high"], { enabled: false }), route("n3", ["high"], { targets: [] })]),
      messageId: "someRouted",
      data: { routed: 1 },
    },
  ],
  fail: [
    {
      name: "no routes and no rules",
      snapshot: snap([]),
      messageId: "noneRouted",
      data: { routed: 0 },
      reasonCode: "notification_missing",
    },
    {
      name: "route lacks a required rule type",
      snapshot: snap([route("n1", ["critical", "high"])]),
      params: { rule_types: ["workload_security"] },
      messageId: "noneRouted",
    },
  ],
  unknown: [
    { name: "notification_rules collector failed", snapshot: buildSnapshot({ notification_rules: "error" }), messageId: "collectorFailed" },
    { name: "rules collector failed", snapshot: buildSnapshot({ rules: "error" }), messageId: "collectorFailed", data: { collectors: ["rules"] } },
  ],
});
