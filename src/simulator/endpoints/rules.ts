/**
 * GET /api/v2/security_monitoring/rules (v2 SecurityMonitoringApi.listSecurityMonitoringRules).
 * Page-number paging: `page[size]` ≤ 100 (default 10), `page[number]` from 0,
 * a short last page. `meta.page.total_count` is deliberately wrong (it counts
 * default rules only), as Datadog's is unreliable: readers must stop on a
 * short page. Rule keys are camelCase on the wire (isEnabled, createdAt).
 */
import type { DemoRule } from "../org/rules.js";
import { userAt } from "../org/users.js";
import { type Endpoint, type Json, ok } from "./endpoint.js";
import { deleteFromFirstItem, firstItem, intParam, setOnFirstItem } from "./params.js";

const THREAT_OPTIONS = { evaluationWindow: 300, keepAlive: 3600, maxSignalDuration: 86400 };

function ruleOptions(rule: DemoRule): Json {
  if (rule.resourceType !== null) {
    return {
      complianceRuleOptions: {
        resourceType: rule.resourceType,
        complexRule: false,
        regoRule: {
          policy: `package datadog\n\nimport data.datadog.output as dd_output\n\n# ${rule.name}\n`,
          resourceTypes: [rule.resourceType],
        },
      },
    };
  }
  const options: Json = { ...THREAT_OPTIONS, detectionMethod: rule.detectionMethod };
  if (rule.detectionMethod === "new_value") {
    options.newValueOptions = {
      forgetAfter: 28,
      learningDuration: 7,
      learningMethod: "duration",
      learningThreshold: 0,
    };
  } else if (rule.detectionMethod === "impossible_travel") {
    options.impossibleTravelOptions = { baselineUserLocations: true };
  } else if (rule.detectionMethod === "hardcoded") {
    options.hardcodedEvaluatorType = "log4shell";
  }
  return options;
}

const AGGREGATION: Readonly<Record<string, string>> = { new_value: "new_value", impossible_travel: "geo_data" };
const METRICS: Readonly<Record<string, string[]>> = {
  new_value: ["@network.client.geoip.country.iso_code"],
  impossible_travel: ["@network.client.geoip"],
};

function ruleQueries(rule: DemoRule, byId: ReadonlyMap<string, DemoRule>): Json[] {
  if (rule.type === "signal_correlation") {
    // As recorded: each query chains a rule by `ruleId`, or an out-of-the-box definition by `defaultRuleId`, and has no `query`.
    return rule.correlatedRuleIds.map((ruleId, index) => ({
      ...(index === 0 && byId.get(ruleId)?.defaultRuleId
        ? { defaultRuleId: byId.get(ruleId)!.defaultRuleId }
        : { ruleId }),
      name: String.fromCharCode(97 + index),
      aggregation: "event_count",
      correlatedByFields: ["@usr.id"],
      ...(index > 0 ? { correlatedQueryIndex: 0 } : {}),
    }));
  }
  return rule.queries.map((query) => ({
    query,
    name: "",
    aggregation: AGGREGATION[rule.detectionMethod] ?? "count",
    groupByFields: rule.type === "workload_security" ? ["host"] : ["@usr.id"],
    distinctFields: [],
    metrics: METRICS[rule.detectionMethod] ?? [],
    hasOptionalGroupByFields: false,
    dataSource: rule.type === "application_security" ? "spans" : "logs",
  }));
}

function wireRule(rule: DemoRule, byId: ReadonlyMap<string, DemoRule>): Json {
  const author = userAt(rule.authorIndex);
  const wire: Json = {
    id: rule.id,
    name: rule.name,
    type: rule.type,
    isEnabled: rule.enabled,
    isDefault: rule.isDefault,
    isDeleted: false,
    isDeprecated: rule.isDeprecated,
    isBeta: rule.isBeta,
    ...(rule.defaultRuleId ? { defaultRuleId: rule.defaultRuleId } : {}),
    createdAt: rule.createdAt,
    creationAuthorId: author.id,
    updateAuthorId: author.id,
    version: rule.version,
    message: rule.message,
    tags: rule.tags,
    cases: rule.cases.map((c) => ({
      name: c.name,
      status: c.status,
      notifications: [],
      ...(c.condition ? { condition: c.condition } : {}),
    })),
    options: ruleOptions(rule),
    queries: ruleQueries(rule, byId),
    filters: [],
    hasExtendedTitle: true,
  };
  // Sent for every type, as recorded; the client's model for signal correlation
  // rules lacks updatedAt, so there it lands in additionalProperties.
  wire.updatedAt = rule.updatedAt;
  if (rule.isDefault && rule.type !== "signal_correlation") wire.defaultTags = rule.tags;
  if (rule.resourceType !== null) {
    wire.complianceSignalOptions = {
      defaultActivationStatus: false,
      defaultGroupByFields: [],
      userActivationStatus: false,
      userGroupByFields: [],
    };
  }
  return wire;
}

const indexes = new WeakMap<readonly DemoRule[], ReadonlyMap<string, DemoRule>>();

function rulesById(rules: readonly DemoRule[]): ReadonlyMap<string, DemoRule> {
  let index = indexes.get(rules);
  if (!index) {
    index = new Map(rules.map((rule) => [rule.id, rule]));
    indexes.set(rules, index);
  }
  return index;
}

export const rulesEndpoint: Endpoint = {
  id: "rules",
  method: "GET",
  path: "/api/v2/security_monitoring/rules",
  needsAppKey: true,
  handle({ query, org }) {
    const size = intParam(query, "page[size]", 10, 1, 100);
    const number = intParam(query, "page[number]", 0, 0, 1_000_000);
    const page = org.rules.slice(number * size, (number + 1) * size);
    const reportedTotal = org.rules.filter((r) => r.isDefault).length;
    return ok({
      data: page.map((rule) => wireRule(rule, rulesById(org.rules))),
      meta: { page: { total_count: reportedTotal, total_filtered_count: reportedTotal } },
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(firstItem(body.data)?.cases, "status", "severe"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "isEnabled"),
};
