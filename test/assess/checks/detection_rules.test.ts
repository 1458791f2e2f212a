import { runCheckTable } from "../check-table.js";
import {
  agentRule,
  buildSnapshot,
  detectionRule,
  firstDays,
  lastDays,
  logSources,
  sourceVolume,
} from "../fixtures/snapshot-builder.js";

const bruteForce = (id: string, enabled = true) =>
  detectionRule({
    id,
    enabled,
    tags: ["source:okta", "tactic:TA0006-credential-access", "technique:T1110-brute-force"],
    query: "source:okta @evt.name:user.session.start",
  });
const credsInFiles = detectionRule({
  id: "sub-1",
  tags: ["subtechnique:T1552.001-credentials-in-files"],
  query: "source:cloudtrail",
});
const rules = (...list: ReturnType<typeof detectionRule>[]) => ({ rules: list });

runCheckTable("detection_rules", {
  pass: [
    {
      name: "one enabled rule for the technique",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1"), bruteForce("bf-2", false)) }),
      params: { selector: { techniques: ["T1110"] } },
      messageId: "enoughRules",
      data: { enabled: 1, disabled: 1, min_enabled: 1, selector: "technique T1110" },
      evidence: ["bf-1"],
      reasonCode: null,
    },
    {
      name: "exactly min_enabled rules",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1"), bruteForce("bf-2")) }),
      params: { selector: { techniques: ["T1110"] }, min_enabled: 2 },
      messageId: "enoughRules",
      data: { enabled: 2 },
    },
    {
      name: "a sub-technique rule counts for its parent technique",
      snapshot: buildSnapshot({ rules: rules(credsInFiles) }),
      params: { selector: { techniques: ["T1552"] } },
      messageId: "enoughRules",
      data: { enabled: 1 },
    },
    {
      name: "agent rules count as workload_security, tags read from product_tags case-insensitively",
      snapshot: buildSnapshot({
        agent_rules: { agent_rules: [agentRule({ id: "ag-1", product_tags: ["TECHNIQUE:t1059-command"] })] },
      }),
      params: { selector: { types: ["workload_security"], techniques: ["T1059"] } },
      messageId: "enoughRules",
      data: { enabled: 1 },
      evidence: ["ag-1"],
    },
    {
      name: "selected by the source its query reads",
      snapshot: buildSnapshot({
        rules: rules(
          detectionRule({ id: "k8s", tags: ["source:kubernetes"], query: "source:kubernetes.audit @verb:create" }),
        ),
      }),
      params: { selector: { sources: ["kubernetes.audit"] } },
      messageId: "enoughRules",
    },
    {
      name: "tag fallback: a source:kubernetes tag reads kubernetes.audit",
      snapshot: buildSnapshot({
        rules: rules(detectionRule({ id: "k8s", tags: ["source:kubernetes"], query: "@verb:create" })),
      }),
      params: { selector: { sources: ["kubernetes.audit"] } },
      messageId: "enoughRules",
    },
    {
      name: "tactic by shortname, tags by wildcard",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1")) }),
      params: { selector: { tactics: ["credential-access"], tags: ["technique:t1110*"] } },
      messageId: "enoughRules",
    },
    {
      name: "per ingesting source: every ingesting cloud has a rule",
      snapshot: buildSnapshot({
        rules: rules(
          detectionRule({ id: "ct", query: "source:cloudtrail" }),
          detectionRule({ id: "gcp", query: "source:gcp.audit" }),
        ),
        log_sources: logSources(
          sourceVolume("cloudtrail", lastDays(3)),
          sourceVolume("gcp.audit", lastDays(1)),
          sourceVolume("okta", lastDays(92)),
        ),
      }),
      params: { per_ingesting_source: ["cloudtrail", "gcp.audit", "azure.activity_logs"] },
      messageId: "everySourceCovered",
      data: { ingesting: 2, covered: 2, per_source: ["cloudtrail 1", "gcp.audit 1"] },
    },
  ],
  partial: [
    {
      name: "one short of min_enabled",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1")) }),
      params: { selector: { techniques: ["T1110"] }, min_enabled: 2 },
      messageId: "tooFewRules",
      data: { enabled: 1, min_enabled: 2 },
      reasonCode: "no_rule",
    },
    {
      name: "per ingesting source: one cloud without rules",
      snapshot: buildSnapshot({
        rules: rules(detectionRule({ id: "ct", query: "source:cloudtrail" })),
        log_sources: logSources(sourceVolume("cloudtrail", lastDays(3)), sourceVolume("gcp.audit", lastDays(3))),
      }),
      params: { per_ingesting_source: ["cloudtrail", "gcp.audit"] },
      messageId: "someSourcesBare",
      data: { ingesting: 2, covered: 1, per_source: ["cloudtrail 1", "gcp.audit 0"] },
    },
  ],
  fail: [
    {
      name: "matching rules are all disabled",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1", false)) }),
      params: { selector: { techniques: ["T1110"] } },
      messageId: "onlyDisabled",
      data: { enabled: 0, disabled: 1 },
      evidence: ["bf-1"],
      reasonCode: "rule_disabled",
    },
    {
      name: "nothing matches",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1")) }),
      params: { selector: { techniques: ["T1566"] } },
      messageId: "noRules",
      reasonCode: "no_rule",
    },
    {
      name: "a sub-technique selector does not take parent-tagged rules",
      snapshot: buildSnapshot({ rules: rules(bruteForce("bf-1")) }),
      params: { selector: { techniques: ["T1110.001"] } },
      messageId: "noRules",
    },
    {
      name: "a rule with an unknown source is never selected by source",
      snapshot: buildSnapshot({ rules: rules(detectionRule({ id: "x", query: "source:(unbalanced" })) }),
      params: { selector: { sources: ["*"] } },
      messageId: "noRules",
    },
    {
      name: "per ingesting source: no ingesting source has rules",
      snapshot: buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))) }),
      params: { per_ingesting_source: ["cloudtrail"] },
      messageId: "noSourceCovered",
      data: { ingesting: 1, covered: 0 },
    },
  ],
  not_applicable: [
    {
      name: "per ingesting source: the source stopped before the last 7 days",
      snapshot: buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", firstDays(85))) }),
      params: { per_ingesting_source: ["cloudtrail"] },
      messageId: "noSourceIngesting",
    },
  ],
  unknown: [
    {
      name: "rules collector failed",
      snapshot: buildSnapshot({ rules: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["rules"] },
    },
    {
      name: "agent_rules collector failed",
      snapshot: buildSnapshot({ agent_rules: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["agent_rules"] },
    },
    {
      name: "per ingesting source needs log_sources",
      snapshot: buildSnapshot({ log_sources: "error" }),
      params: { per_ingesting_source: ["cloudtrail"] },
      messageId: "collectorFailed",
      data: { collectors: ["log_sources"] },
    },
  ],
});
