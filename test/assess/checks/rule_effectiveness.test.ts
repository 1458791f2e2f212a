import { runCheckTable } from "../check-table.js";
import {
  agentRule,
  buildSnapshot,
  detectionRule,
  firstDays,
  host,
  hosts,
  lastDays,
  logSources,
  signalRule,
  signals,
  sourceVolume,
} from "../fixtures/snapshot-builder.js";

const ct = (id: string, enabled = true) =>
  detectionRule({
    id,
    enabled,
    query: "source:cloudtrail @evt.name:ConsoleLogin",
    tags: ["technique:T1078-valid-accounts"],
  });
const okta = (id: string) => detectionRule({ id, query: "source:okta", tags: ["technique:T1078-valid-accounts"] });
const cwsRule = (id: string) => detectionRule({ id, type: "workload_security", query: "@agent.rule_id:x" });
const cloudtrailNow = logSources(sourceVolume("cloudtrail", lastDays(7)));
/** Ingested until 8 days before the end: no data in the recent window. */
const cloudtrailStale = logSources(sourceVolume("cloudtrail", firstDays(84)));

runCheckTable("rule_effectiveness", {
  pass: [
    {
      name: "a beta rule counts normally, and is named",
      snapshot: buildSnapshot({
        rules: { rules: [detectionRule({ ...ct("r1"), name: "New login rule", is_beta: true })] },
        log_sources: cloudtrailNow,
      }),
      messageId: "effective",
      data: { effective: 1, beta: ["r1"] },
      reasonContains: "(beta, counted normally: New login rule)",
    },
    {
      name: "rule whose source ingested in the last 7 days",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1")] }, log_sources: cloudtrailNow }),
      messageId: "effective",
      data: { enabled: 1, effective: 1, effective_pct: 100, fired: 0 },
      evidence: ["r1"],
      reasonCode: null,
    },
    {
      name: "a rule that fired is effective even with a silent source",
      snapshot: buildSnapshot({
        rules: { rules: [ct("r1")] },
        log_sources: cloudtrailStale,
        signals: signals({ by_rule: [signalRule("r1", 3)] }),
      }),
      messageId: "effective",
      data: { effective: 1, fired: 1 },
    },
    {
      name: "Workload Protection rule with CWS on exactly half the hosts",
      snapshot: buildSnapshot({
        rules: { rules: [cwsRule("w1")] },
        agents: { hosts: [...hosts(2, "on"), ...hosts(2, "off", { cws_enabled: false })] },
      }),
      messageId: "effective",
      data: { effective: 1 },
    },
    {
      name: "min_effective_share met exactly (1 of 2 at 0.5)",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1"), okta("r2")] }, log_sources: cloudtrailNow }),
      params: { min_effective_share: 0.5 },
      messageId: "effective",
      data: { effective: 1, enabled: 2, effective_pct: 50 },
    },
    {
      name: "min_fired met",
      snapshot: buildSnapshot({
        rules: { rules: [ct("r1")] },
        log_sources: cloudtrailNow,
        signals: signals({ by_rule: [signalRule("r1", 1)] }),
      }),
      params: { min_fired: 1 },
      messageId: "effective",
      data: { fired: 1, min_fired: 1 },
    },
  ],
  partial: [
    {
      name: "share below the requirement",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1"), okta("r2"), okta("r3")] }, log_sources: cloudtrailNow }),
      params: { min_effective_share: 0.5 },
      messageId: "partlyEffective",
      data: { effective: 1, enabled: 3, source_silent: 2 },
      evidence: ["r2", "r3"],
      reasonCode: "source_silent",
    },
    {
      name: "fewer effective than min_effective",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1"), okta("r2")] }, log_sources: cloudtrailNow }),
      params: { min_effective: 2 },
      messageId: "partlyEffective",
      data: { effective: 1 },
    },
    {
      name: "effective but none fired when min_fired is 1",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1")] }, log_sources: cloudtrailNow }),
      params: { min_fired: 1 },
      messageId: "neverFired",
      data: { effective: 1, fired: 0 },
      reasonCode: "never_fired",
    },
  ],
  fail: [
    {
      name: "a deprecated rule is never effective, even ingesting and fired, and is named",
      snapshot: buildSnapshot({
        rules: { rules: [detectionRule({ ...ct("r1"), name: "Old login rule", is_deprecated: true })] },
        log_sources: cloudtrailNow,
        signals: signals({ by_rule: [signalRule("r1", 3)] }),
      }),
      messageId: "noneEffective",
      data: { enabled: 1, effective: 0, deprecated: 1 },
      reasonCode: "rule_deprecated",
      reasonContains: "(deprecated by Datadog, never counted effective: Old login rule)",
    },
    {
      name: "the source went silent before the recent window",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1")] }, log_sources: cloudtrailStale }),
      messageId: "noneEffective",
      data: { effective: 0, source_silent: 1, source_unknown: 0, agents_missing: 0 },
      reasonCode: "source_silent",
    },
    {
      name: "Workload Protection rule with CWS on just under half the hosts",
      snapshot: buildSnapshot({
        agent_rules: { agent_rules: [agentRule({ id: "a1" })] },
        agents: { hosts: [host("h1"), host("h2", { cws_enabled: false }), host("h3", { cws_enabled: false })] },
      }),
      messageId: "noneEffective",
      data: { agents_missing: 1 },
      reasonCode: "agents_missing",
    },
    {
      name: "an unparsable query without a source tag is never effective",
      snapshot: buildSnapshot({
        rules: { rules: [detectionRule({ id: "odd", query: "source:(cloudtrail" })] },
        log_sources: cloudtrailNow,
      }),
      messageId: "noneEffective",
      data: { source_unknown: 1 },
    },
    {
      name: "only disabled rules match",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1", false)] }, log_sources: cloudtrailNow }),
      messageId: "noEnabledRules",
      data: { disabled: 1 },
      reasonCode: "rule_disabled",
    },
    {
      name: "no rule matches",
      snapshot: buildSnapshot({ log_sources: cloudtrailNow }),
      messageId: "noEnabledRules",
      reasonCode: "no_rule",
    },
  ],
  unknown: [
    {
      name: "log_sources collector failed",
      snapshot: buildSnapshot({ rules: { rules: [ct("r1")] }, log_sources: "error" }),
      messageId: "collectorFailed",
    },
    {
      name: "signals collector failed",
      snapshot: buildSnapshot({ signals: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["signals"] },
    },
    {
      name: "agents collector failed",
      snapshot: buildSnapshot({ agents: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["agents"] },
    },
  ],
});
