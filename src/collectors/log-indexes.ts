import { defineCollector, requireValue } from "./context.js";

export const logIndexesCollector = defineCollector({
  id: "log_indexes",
  async collect(ctx) {
    const result = await ctx.call((configuration) => new ctx.dd.v1.LogsIndexesApi(configuration).listLogIndexes());
    const value = requireValue(result, "v1 LogsIndexesApi.listLogIndexes");
    const indexes = (value.indexes ?? []).map((index) => ({
      name: index.name,
      filter: index.filter?.query ?? null,
      retention_days: index.numRetentionDays ?? null,
      flex_retention_days: index.numFlexLogsRetentionDays ?? null,
    }));
    ctx.progress(indexes.length);
    return { indexes };
  },
});
