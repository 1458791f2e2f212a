/**
 * Check kinds at their edges: parameter schemas, boundaries in time and in
 * counts, and the branches the per-kind tables do not reach.
 */
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/assess/checks/index.js";
import { runCheck } from "../../src/assess/run-check.js";
import { Thresholds } from "../../src/config/schema.js";
import type { NotificationRule, PartData } from "../../src/snapshot/schema.js";
import { RuleQuery } from "../../src/snapshot/schema.js";
import {
  agentRule,
  buildSnapshot,
  COLLECTED_AT,
  detectionRule,
  host,
  lastDays,
  logSources,
  notificationRoute,
  signals,
  sourceVolume,
  suppression,
  triageStats,
} from "./fixtures/snapshot-builder.js";

function judge(kind: string, params: object, snapshot: ReturnType<typeof buildSnapshot>) {
  const module = CHECKS[kind]!;
  return runCheck(module, module.params.parse(params), snapshot, { thresholds: Thresholds.parse({}) });
}
const issues = (kind: string, params: object) =>
  CHECKS[kind]!.params.safeParse(params).error?.issues.map((issue) => [issue.path, issue.message]) ?? [];
const accepts = (kind: string, params: object) => CHECKS[kind]!.params.safeParse(params).success;

describe("parameter schemas", () => {
  it("accept several patterns and values, and refuse blank ones", () => {
    expect(accepts("dashboard_present", { title_patterns: ["*soc*", "*sec*"] })).toBe(true);
    expect(accepts("dashboard_present", { title_patterns: [" "] })).toBe(false);
    expect(accepts("detection_rules", { per_ingesting_source: [" "] })).toBe(false);
    expect(accepts("log_retention", { indexes: ["main", "sec*"], working_archive_states: ["working", "ok"] })).toBe(
      true,
    );
    expect(accepts("log_retention", { indexes: [" "] })).toBe(false);
    expect(accepts("log_source", { sources: [" "] })).toBe(false);
    expect(accepts("notification_routing", { rule_types: ["log_detection", "signal_correlation"] })).toBe(true);
    expect(accepts("notification_routing", { rule_types: [" "] })).toBe(false);
    expect(accepts("signal_triage", { severities: ["critical", "high"] })).toBe(true);
  });
  it("take shares from 0 to 1", () => {
    for (const [kind, field] of [
      ["notification_routing", "min_share"],
      ["signal_triage", "min_within_sla_share"],
    ] as const) {
      expect(accepts(kind, { [field]: 0.5 }), kind).toBe(true);
      expect(accepts(kind, { [field]: 1.5 }), kind).toBe(false);
    }
  });
  it("say what a version and a severity without an SLA need", () => {
    expect(issues("agent_coverage", { min_agent_version: "latest" })).toEqual([
      [["min_agent_version"], "expected a version such as 7.50.0"],
    ]);
    expect(issues("signal_triage", { severities: ["high", "medium"] })).toEqual([
      [["severities", 1], '"medium" has no SLA in the config; add sla_minutes.medium'],
    ]);
    expect(accepts("signal_triage", { severities: ["medium"], sla_minutes: { medium: 600 } })).toBe(true);
  });
});

describe("figures of results without a sentence to fill", () => {
  it("agent_coverage with no hosts still names its requirements", () => {
    expect(judge("agent_coverage", { require_cws: true }, buildSnapshot()).data).toEqual({
      total: 0,
      requirements: ["reported in the last 60 minutes", "Workload Protection enabled"],
    });
  });
  it("notification_routing without measured routing says how many severities it could not judge", () => {
    expect(judge("notification_routing", {}, buildSnapshot()).data).toEqual({ severities: 2 });
  });
});

describe("detection_rules per ingesting source", () => {
  it("lists the sources in order, whatever the order of the patterns", () => {
    const snapshot = buildSnapshot({
      rules: { rules: [detectionRule({ id: "o1", query: "source:okta" })] },
      log_sources: logSources(sourceVolume("okta", lastDays(2)), sourceVolume("cloudtrail", lastDays(2))),
    });
    expect(judge("detection_rules", { per_ingesting_source: ["okta", "cloudtrail"] }, snapshot).data).toMatchObject({
      per_source: ["cloudtrail 0", "okta 1"],
    });
  });
});

describe("log_source", () => {
  const days = (source: string, counts: number[]) => ({
    ...sourceVolume(source, []),
    days: lastDays(counts.length).map((date, i) => ({ date, count: counts[i]! })),
  });
  it("counts only days with data", () => {
    const result = judge(
      "log_source",
      { sources: ["okta"], min_days_share: 0.5 },
      buildSnapshot({
        log_sources: logSources(days("okta", [...Array<number>(46).fill(1), ...Array<number>(46).fill(0)])),
      }),
    );
    expect([result.status, result.data.per_source]).toEqual(["pass", ["okta 50%"]]);
    const short = judge(
      "log_source",
      { sources: ["okta"], min_days_share: 0.5 },
      buildSnapshot({
        log_sources: logSources(days("okta", [...Array<number>(45).fill(1), ...Array<number>(47).fill(0)])),
      }),
    );
    expect([short.status, short.data.per_source]).toEqual(["partial", ["okta 48.9%"]]);
  });
  it("keeps a pattern that matches nothing as its own requirement, with each_match too", () => {
    const result = judge(
      "log_source",
      { sources: ["okta", "gcp.*"], each_match: true },
      buildSnapshot({
        log_sources: logSources(sourceVolume("okta", lastDays(92))),
      }),
    );
    expect(result.data).toMatchObject({ met: 1, listed: 2, per_source: ["okta 100%", "gcp.* no data"] });
  });
  it("names a pattern by itself, not by the one source it matches, without each_match", () => {
    const result = judge(
      "log_source",
      { sources: ["cloud*"] },
      buildSnapshot({
        log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))),
      }),
    );
    expect(result.data.per_source).toEqual(["cloud* 100%"]);
  });
  it("is partial, not failed, when a source had some data but none had enough", () => {
    const result = judge(
      "log_source",
      { sources: ["okta", "github"] },
      buildSnapshot({
        log_sources: logSources(sourceVolume("okta", lastDays(10))),
      }),
    );
    expect([result.status, result.messageId, result.data.met]).toEqual(["partial", "tooFewSources", 0]);
  });
});

describe("notification_routing", () => {
  type Routing = NonNullable<PartData<"signals">["routing"]>;
  const route = notificationRoute;
  const snap = (routes: NotificationRule[], routing: Routing, rules: ReturnType<typeof detectionRule>[] = []) =>
    buildSnapshot({
      notification_rules: { notification_rules: routes },
      rules: { rules },
      signals: signals({ routing }),
    });
  const unmeasured: Routing = { by_severity: {}, rules: [], unparsable_rules: [] };
  const critical = { severities: ["critical"] };

  it("treats a blank or `*` query as covering every signal", () => {
    for (const query of ["   ", " * "]) {
      const result = judge("notification_routing", critical, snap([route("n", ["critical"], { query })], unmeasured));
      expect([result.status, result.data.per_severity], query).toEqual([
        "pass",
        ["critical: no critical signal in the period; 1 notification rules route every critical signal"],
      ]);
    }
  });

  it("treats a severity whose measured total is 0 as unmeasured", () => {
    const routing: Routing = { by_severity: { critical: { total: 0, routed: 0 } }, rules: [], unparsable_rules: [] };
    const result = judge("notification_routing", critical, snap([route("n", ["critical"])], routing));
    expect(result.data.per_severity).toEqual([
      "critical: no critical signal in the period; 1 notification rules route every critical signal",
    ]);
  });

  it("names only the covering rules that matched signals", () => {
    const routing: Routing = {
      by_severity: { critical: { total: 4, routed: 4 } },
      rules: [
        { id: "n1", matched_by_severity: { critical: 4 } },
        { id: "n2", matched_by_severity: { critical: 0 } },
      ],
      unparsable_rules: [],
    };
    const result = judge(
      "notification_routing",
      critical,
      snap(
        [route("n1", ["critical"]), route("n2", ["critical"], { query: "env:x" }), route("n3", ["critical"])],
        routing,
      ),
    );
    expect(result.data.per_severity).toEqual([
      "critical: 4 of 4 critical signals (100%) matched by 1 notification rules (scopes: every signal)",
    ]);
    expect(result.evidence.map((ref) => ref.id)).toEqual(["n1"]);
  });

  it("says none when no notification rule covers an unrouted severity", () => {
    const routing: Routing = { by_severity: { critical: { total: 2, routed: 0 } }, rules: [], unparsable_rules: [] };
    const result = judge("notification_routing", critical, snap([], routing));
    expect(result.data.per_severity).toEqual([
      "critical not routed: 0 of 2 critical signals (0%) matched by a notification rule's selectors, required 95% (scopes: none)",
    ]);
  });

  it("routes an unmeasured severity through a typed rule only when it covers every type the mapping names", () => {
    const typed = route("n", ["critical"], { rule_types: ["log_detection"] });
    const both = { ...critical, rule_types: ["log_detection", "signal_correlation"] };
    expect(judge("notification_routing", both, snap([typed], unmeasured)).status).toBe("fail");
    expect(
      judge("notification_routing", { ...critical, rule_types: ["LOG_DETECTION"] }, snap([typed], unmeasured)).status,
    ).toBe("pass");
  });

  it("reads case notifications from enabled rules, for the cases of the severity only", () => {
    const rule = (id: string, cases: [string, string[]][], enabled = true) =>
      detectionRule({
        id,
        enabled,
        cases: cases.map(([severity, notifications]) => ({ name: null, severity, notifications, condition: null })),
      });
    const notifying = rule("c1", [
      ["critical", ["@soc"]],
      ["high", []],
    ]);
    const disabledSilent = rule("off", [["critical", []]], false);
    const pass = judge("notification_routing", critical, snap([], unmeasured, [notifying, disabledSilent]));
    expect([pass.status, pass.data.per_severity]).toEqual(["pass", ["critical via case notifications on all 1 rules"]]);
    const half = rule("c2", [
      ["critical", ["@soc"]],
      ["critical", []],
    ]);
    const fail = judge("notification_routing", critical, snap([], unmeasured, [notifying, half]));
    expect([fail.status, fail.evidence.map((ref) => ref.id)]).toEqual(["fail", ["c2"]]);
  });
});

describe("rule_effectiveness gaps", () => {
  const ct = (id: string, fields: object = {}) => detectionRule({ id, query: "source:cloudtrail", ...fields });
  const ingesting = logSources(sourceVolume("cloudtrail", lastDays(7)));

  it("blames deprecation when every ineffective rule is deprecated", () => {
    const result = judge(
      "rule_effectiveness",
      { min_effective: 2 },
      buildSnapshot({
        rules: { rules: [ct("r1"), ct("dep", { is_deprecated: true })] },
        log_sources: ingesting,
      }),
    );
    expect([result.status, result.reasonCode]).toEqual(["partial", "rule_deprecated"]);
  });

  it("blames sources when a correlation chain fails as often as agents are missing", () => {
    const chain = detectionRule({
      id: "chain",
      type: "signal_correlation",
      queries: [RuleQuery.parse({ query: "", data_source: null, name: null, chained_rule_id: "gone" })],
    });
    const result = judge(
      "rule_effectiveness",
      {},
      buildSnapshot({
        rules: { rules: [chain] },
        agent_rules: { agent_rules: [agentRule({ id: "a1" })] },
        agents: { hosts: [host("h", { cws_enabled: false })] },
      }),
    );
    expect([result.status, result.reasonCode, result.data.agents_missing, result.data.chain_ineffective]).toEqual([
      "fail",
      "source_silent",
      1,
      1,
    ]);
  });

  it("lists beta rules among the enabled ones only", () => {
    const result = judge(
      "rule_effectiveness",
      {},
      buildSnapshot({
        rules: { rules: [ct("r1", { is_beta: true }), ct("off", { is_beta: true, enabled: false })] },
        log_sources: ingesting,
      }),
    );
    expect(result.data.beta).toEqual(["r1"]);
  });
});

describe("signals_retrievable", () => {
  it("counts the days with signals, not the days listed", () => {
    const data = signals({
      total: 3,
      by_day: [
        { date: "2026-09-01", count: 3 },
        { date: "2026-09-02", count: 0 },
      ],
    });
    expect(judge("signals_retrievable", {}, buildSnapshot({ signals: data })).data).toEqual({
      total: 3,
      days: 1,
      min_signals: 1,
    });
  });
});

describe("suppression_hygiene at collection time", () => {
  const snap = (...list: ReturnType<typeof suppression>[]) => buildSnapshot({ suppressions: { suppressions: list } });
  it("no longer counts a suppression expiring at the collection instant, and counts one starting then", () => {
    const result = judge(
      "suppression_hygiene",
      {},
      snap(suppression("ends", { expires_at: COLLECTED_AT }), suppression("starts", { starts_at: COLLECTED_AT })),
    );
    expect([result.data.active, result.data.scheduled]).toEqual([1, 0]);
  });
  it("lets a suppression without expiry pass when expiry is not required", () => {
    const result = judge(
      "suppression_hygiene",
      { require_expiry: false },
      snap(suppression("s", { expires_at: null })),
    );
    expect([result.status, result.data.tidy, result.data.no_expiry]).toEqual(["pass", 1, 0]);
  });
});

describe("rule_effectiveness lifecycle", () => {
  const ct = (id: string, fields: object = {}) => detectionRule({ id, query: "source:cloudtrail", ...fields });
  it("names the deprecated and beta rules judged, each group in its own words", () => {
    const result = judge(
      "rule_effectiveness",
      {},
      buildSnapshot({
        rules: {
          rules: [
            ct("r1"),
            ct("b1", { is_beta: true }),
            ct("b2", { is_beta: true }),
            ct("d1", { is_deprecated: true }),
            ct("d2", { is_deprecated: true }),
          ],
        },
        log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))),
      }),
    );
    expect([result.data.beta, result.data.lifecycle]).toEqual([
      ["b1", "b2"],
      " (deprecated by Datadog, never counted effective: Rule d1, Rule d2; beta, counted normally: Rule b1, Rule b2)",
    ]);
  });
});

describe("detection_rules reads", () => {
  const rules = { rules: [detectionRule({ id: "r1", query: "source:cloudtrail" })] };
  it("needs log sources only when counting per ingesting source", () => {
    const module = CHECKS.detection_rules!;
    expect(module.readsFor!(module.params.parse({}) as never)).toEqual(["rules", "agent_rules"]);
    expect(module.readsFor!(module.params.parse({ per_ingesting_source: ["cloud*"] }) as never)).toEqual([
      "rules",
      "agent_rules",
      "log_sources",
    ]);
    expect(judge("detection_rules", {}, buildSnapshot({ rules, log_sources: "error" })).status).toBe("pass");
  });
});

describe("signal_triage with nothing judged yet", () => {
  it("fails on signals still open past max_open_days even when none is past the SLA", () => {
    // One signal open for 1 to 7 days: within a 14-day SLA, but past max_open_days of 1.
    const snapshot = buildSnapshot({
      signals: signals({ triage_by_severity: { high: triageStats([], [0, 0, 0, 0, 1]) } }),
    });
    const result = judge(
      "signal_triage",
      { severities: ["high"], sla_minutes: { high: 20160 }, max_open_days: 1 },
      snapshot,
    );
    expect([result.status, result.data.considered, result.data.stale]).toEqual(["fail", 0, 1]);
  });
});

describe("suppression_hygiene scheduled suppressions", () => {
  it("names those not yet in force", () => {
    const later = "2026-12-01T00:00:00Z";
    const result = judge(
      "suppression_hygiene",
      {},
      buildSnapshot({
        suppressions: {
          suppressions: [
            suppression("a", { name: "Patch window", starts_at: later }),
            suppression("b", { name: "Load test", starts_at: later }),
          ],
        },
      }),
    );
    expect(result.data.scheduled_note).toBe(" (2 scheduled to start later, not yet in force: Patch window, Load test)");
  });
});
