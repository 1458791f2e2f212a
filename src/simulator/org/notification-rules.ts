/** Signal notification rules (data/notification-rules.json). */
import data from "../data/notification-rules.json" with { type: "json" };
import { rngFor } from "../prng.js";
import { DAY_MS } from "../time-units.js";
import { threePartId } from "./ids.js";

export interface DemoNotificationRule {
  id: string;
  name: string;
  enabled: boolean;
  severities: string[];
  ruleTypes: string[];
  query: string;
  targets: string[];
  timeAggregationSeconds: number;
  createdAt: number;
  modifiedAt: number;
  authorIndex: number;
  version: number;
}

export function generateNotificationRules(seed: number, nowMs: number): DemoNotificationRule[] {
  return data.rules.map((spec) => {
    const random = rngFor(seed, "notification-rule", spec.name);
    const modifiedAt = nowMs - spec.modifiedDaysAgo * DAY_MS;
    return {
      id: threePartId(random),
      name: spec.name,
      enabled: spec.enabled,
      severities: spec.severities,
      ruleTypes: spec.ruleTypes,
      query: spec.query,
      targets: spec.targets,
      timeAggregationSeconds: spec.timeAggregation,
      createdAt: modifiedAt - random.int(1, 300) * DAY_MS,
      modifiedAt,
      authorIndex: spec.author,
      version: random.int(1, 5),
    };
  });
}
