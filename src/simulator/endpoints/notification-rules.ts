/**
 * GET /api/v2/security/signals/notification_rules (v2 SecurityMonitoringApi.getSignalNotificationRules).
 * No paging. This model has required fields, so `missing-field` makes the
 * client's whole call throw.
 */
import { authorRef } from "../org/users.js";
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem, setOnFirstItem } from "./params.js";

export const notificationRulesEndpoint: Endpoint = {
  id: "notification_rules",
  method: "GET",
  path: "/api/v2/security/signals/notification_rules",
  needsAppKey: true,
  handle({ org }) {
    return ok({
      data: org.notificationRules.map((rule) => ({
        id: rule.id,
        type: "notification_rules",
        attributes: {
          name: rule.name,
          enabled: rule.enabled,
          selectors: {
            trigger_source: "security_signals",
            severities: rule.severities,
            rule_types: rule.ruleTypes,
            query: rule.query,
          },
          targets: rule.targets,
          time_aggregation: rule.timeAggregationSeconds,
          version: rule.version,
          created_at: rule.createdAt,
          modified_at: rule.modifiedAt,
          created_by: authorRef(rule.authorIndex),
          modified_by: authorRef(rule.authorIndex),
        },
      })),
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.data, "attributes.selectors.trigger_source", "security_events"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "attributes.name"),
};
