import { pagesByNumber } from "../datadog/paging.js";
import type { Suppression } from "../snapshot/schema.js";
import { collectById } from "./by-id.js";
import { defineCollector, requireValue } from "./context.js";
import { isoFromEpochMs } from "./timestamps.js";

export const PAGE_SIZE = 100;

export const suppressionsCollector = defineCollector({
  id: "suppressions",
  async collect(ctx) {
    const pages = pagesByNumber(async (pageNumber, pageSize) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v2.SecurityMonitoringApi(configuration).listSecurityMonitoringSuppressions({ pageSize, pageNumber }),
      );
      const value = requireValue(result, "v2 SecurityMonitoringApi.listSecurityMonitoringSuppressions");
      return (value.data ?? []).map((item): Suppression => {
        const attributes = item.attributes ?? {};
        return {
          id: item.id ?? "",
          name: attributes.name ?? "(unnamed suppression)",
          enabled: attributes.enabled === true,
          description: attributes.description?.trim() ? attributes.description : null,
          rule_query: attributes.ruleQuery ?? "",
          suppression_query: attributes.suppressionQuery ?? null,
          data_exclusion_query: attributes.dataExclusionQuery ?? null,
          // Either date may lie in the future (a suppression scheduled to start later).
          starts_at: isoFromEpochMs(attributes.startDate),
          expires_at: isoFromEpochMs(attributes.expirationDate),
          updated_at: isoFromEpochMs(attributes.updateDate),
        };
      });
    }, PAGE_SIZE);
    return { suppressions: await collectById(ctx, pages) };
  },
});
