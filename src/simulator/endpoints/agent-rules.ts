/**
 * GET /api/v2/remote_config/products/cws/agent_rules (v2 CSMThreatsApi.listCSMThreatsAgentRules).
 * No paging. ATT&CK tags are in `product_tags`; other keys mix camelCase and
 * snake_case exactly as the client's model does.
 */
import { authorRef } from "../org/users.js";
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem, setOnFirstItem } from "./params.js";

export const agentRulesEndpoint: Endpoint = {
  id: "agent_rules",
  method: "GET",
  path: "/api/v2/remote_config/products/cws/agent_rules",
  needsAppKey: true,
  handle({ org }) {
    return ok({
      data: org.agentRules.map((rule) => ({
        id: rule.id,
        type: "agent_rule",
        attributes: {
          name: rule.name,
          description: rule.description,
          expression: rule.expression,
          category: rule.category,
          enabled: rule.enabled,
          defaultRule: rule.isDefault,
          product_tags: rule.productTags,
          filters: [],
          actions: [],
          creationDate: rule.createdAt,
          updateDate: rule.updatedAt,
          updatedAt: rule.updatedAt,
          creator: authorRef(rule.authorIndex),
          updater: authorRef(rule.authorIndex),
          version: rule.version,
        },
      })),
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.data, "type", "agent_rule_v2"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "attributes.name"),
};
