/**
 * GET /api/v1/logs/config/indexes (v1 LogsIndexesApi.listLogIndexes). No
 * paging. `name` and `filter` are required in the model, so `missing-field`
 * makes the client's whole call throw.
 */
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem } from "./params.js";

export const logIndexesEndpoint: Endpoint = {
  id: "log_indexes",
  method: "GET",
  path: "/api/v1/logs/config/indexes",
  needsAppKey: true,
  handle({ org }) {
    return ok({
      indexes: org.logIndexes.map((index) => ({
        name: index.name,
        filter: { query: index.query },
        num_retention_days: index.retentionDays,
        ...(index.flexRetentionDays !== null ? { num_flex_logs_retention_days: index.flexRetentionDays } : {}),
        ...(index.dailyLimit !== null
          ? { daily_limit: index.dailyLimit, daily_limit_warning_threshold_percentage: 90 }
          : {}),
        is_rate_limited: false,
        exclusion_filters: [],
      })),
    });
  },
  dropRequiredField: (body) => deleteFromFirstItem(body.indexes, "name"),
};
