import type { NotificationRule, PartData } from "../../../src/snapshot/schema.js";
import { buildSnapshot, detectionRule } from "../fixtures/snapshot-builder.js";

const signalsData = (routing: NonNullable<PartData<"signals">["routing"]> | null): PartData<"signals"> => ({
  total: 0,
  by_severity: {},
  by_triage_state: {},
  by_day: [],
  by_rule: [],
  triage_by_severity: {},
  population_file: null,
  routing,
});

import { runCheckTable } from "../check-table.js";

const route = (id: string, severities: string[], fields: Partial<NotificationRule> = {}): NotificationRule => ({
  id,
  name: `route ${id}`,
  enabled: true,
  severities,
  rule_types: ["log_detection"],
  trigger_source: "security_signals",
  query: "",
  targets: ["@pagerduty-soc"],
  ...fields,
});
type Routing = NonNullable<PartData<"signals">["routing"]>;
const noSignals: Routing = { by_severity: {}, rules: [], unparsable_rules: [] };
const snap = (
  routes: NotificationRule[],
  rules: ReturnType<typeof detectionRule>[] = [],
  routing: Routing | null = noSignals,
) =>
  buildSnapshot({
    notification_rules: { notification_rules: routes },
    rules: { rules },
    signals: signalsData(routing),
  });
const caseRule = (id: string, severity: string, notifications: string[]) =>
  detectionRule({ id, cases: [{ name: null, severity, notifications, condition: null }] });
/** The real recordings' rule: critical signal_correlation signals of env:test only. */
const envTest = route("n-test", ["critical"], { rule_types: ["signal_correlation"], query: "env:test" });

runCheckTable("notification_routing", {
  pass: [
    {
      name: "every critical and high signal matched by an unscoped rule",
      snapshot: snap([route("n1", ["CRITICAL", "high"], { rule_types: [] })], [], {
        by_severity: { critical: { total: 4, routed: 4 }, high: { total: 10, routed: 10 } },
        rules: [{ id: "n1", matched_by_severity: { critical: 4, high: 10 } }],
        unparsable_rules: [],
      }),
      messageId: "allRouted",
      data: {
        routed: 2,
        severities: 2,
        per_severity: [
          "critical: 4 of 4 critical signals (100%) matched by 1 notification rules (scopes: every signal)",
          "high: 10 of 10 high signals (100%) matched by 1 notification rules (scopes: every signal)",
        ],
      },
      evidence: ["n1", "n1"],
      reasonCode: null,
    },
    {
      name: "no signal of either severity, one rule routes every signal of both",
      snapshot: snap([route("n1", ["critical", "high"], { rule_types: [] })]),
      messageId: "allRouted",
      data: { routed: 2 },
    },
    {
      name: "high routed by the case notifications of every high rule",
      snapshot: snap(
        [route("n1", ["critical"], { rule_types: [] })],
        [caseRule("r1", "high", ["@slack-sec"]), caseRule("r2", "high", ["@slack-sec"])],
      ),
      messageId: "allRouted",
      data: {
        per_severity: [
          "critical: no critical signal in the period; 1 notification rules route every critical signal",
          "high via case notifications on all 2 rules",
        ],
      },
    },
    {
      name: "rule_types required and present",
      snapshot: snap([route("n1", ["critical", "high"], { rule_types: ["log_detection", "workload_security"] })]),
      params: { rule_types: ["workload_security"] },
      messageId: "allRouted",
    },
    {
      name: "95% of the signals matched meets the default share",
      snapshot: snap([route("n1", ["critical"], { query: "env:prod" })], [], {
        by_severity: { critical: { total: 20, routed: 19 } },
        rules: [{ id: "n1", matched_by_severity: { critical: 19 } }],
        unparsable_rules: [],
      }),
      params: { severities: ["critical"] },
      messageId: "allRouted",
      reasonContains: "19 of 20 critical signals (95%) matched by 1 notification rules (scopes: env:prod)",
    },
  ],
  partial: [
    {
      name: "high not routed: one high rule without case notifications",
      snapshot: snap(
        [route("n1", ["critical"], { rule_types: [] })],
        [caseRule("r1", "high", ["@slack"]), caseRule("r2", "high", [])],
      ),
      messageId: "someRouted",
      data: { routed: 1, severities: 2 },
      evidence: ["n1", "r2"],
      reasonCode: "notification_missing",
    },
    {
      name: "a disabled route and a route without targets do not count",
      snapshot: snap([
        route("n1", ["critical"], { rule_types: [] }),
        route("n2", ["high"], { enabled: false, rule_types: [] }),
        route("n3", ["high"], { targets: [], rule_types: [] }),
      ]),
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
    {
      name: "only env:test signals routed: prod signals of both severities are not (the recorded org)",
      snapshot: snap([envTest, { ...envTest, id: "n-test-2" }], [], {
        by_severity: { critical: { total: 30, routed: 0 }, high: { total: 50, routed: 0 } },
        rules: [
          { id: "n-test", matched_by_severity: {} },
          { id: "n-test-2", matched_by_severity: {} },
        ],
        unparsable_rules: [],
      }),
      messageId: "noneRouted",
      data: { routed: 0, severities: 2 },
      reasonContains:
        "critical not routed: 0 of 30 critical signals (0%) matched by a notification rule's selectors, required 95% (scopes: env:test)",
    },
    {
      name: "only env:test routed and no signal to measure: a scoped rule does not route every signal",
      snapshot: snap([envTest]),
      messageId: "noneRouted",
      reasonContains: "notification rules covering it are scoped: env:test",
    },
    {
      name: "a rule for findings routes no signal",
      snapshot: snap([route("n1", ["critical", "high"], { rule_types: [], trigger_source: "security_findings" })]),
      messageId: "noneRouted",
    },
  ],
  unknown: [
    {
      name: "notification_rules collector failed",
      snapshot: buildSnapshot({ notification_rules: "error" }),
      messageId: "collectorFailed",
    },
    {
      name: "rules collector failed",
      snapshot: buildSnapshot({ rules: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["rules"] },
    },
    {
      name: "signals collector failed",
      snapshot: buildSnapshot({ signals: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["signals"] },
    },
    {
      name: "routing not measured (a version 1 snapshot)",
      snapshot: snap([route("n1", ["critical", "high"], { rule_types: [] })], [], null),
      messageId: "notMeasured",
    },
  ],
});
