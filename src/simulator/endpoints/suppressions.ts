/**
 * GET /api/v2/security_monitoring/configuration/suppressions
 * (v2 SecurityMonitoringApi.listSecurityMonitoringSuppressions).
 * `page[size]` defaults to -1 (everything), `page[number]` from 0. Missing
 * descriptions and expiry dates are absent keys, as on the wire.
 */
import { authorRef } from "../org/users.js";
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem, intParam, setOnFirstItem } from "./params.js";

export const suppressionsEndpoint: Endpoint = {
  id: "suppressions",
  method: "GET",
  path: "/api/v2/security_monitoring/configuration/suppressions",
  needsAppKey: true,
  handle({ query, org }) {
    const size = intParam(query, "page[size]", -1, -1, 1000);
    const number = intParam(query, "page[number]", 0, 0, 1_000_000);
    const all = org.suppressions;
    const page = size === -1 ? all : all.slice(number * size, (number + 1) * size);
    return ok({
      data: page.map((s) => ({
        id: s.id,
        type: "suppressions",
        attributes: {
          name: s.name,
          ...(s.description !== null ? { description: s.description } : {}),
          enabled: s.enabled,
          rule_query: s.ruleQuery,
          suppression_query: s.suppressionQuery,
          data_exclusion_query: "",
          creation_date: s.createdAt,
          update_date: s.createdAt,
          start_date: s.startsAt,
          ...(s.expiresAt !== null ? { expiration_date: s.expiresAt } : {}),
          creator: authorRef(s.authorIndex),
          updater: authorRef(s.authorIndex),
          editable: true,
          tags: [],
          version: s.version,
        },
      })),
      meta: { page: { totalCount: all.length, pageSize: size, pageNumber: size === -1 ? 0 : number } },
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.data, "type", "suppression_rules"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "attributes.name"),
};
