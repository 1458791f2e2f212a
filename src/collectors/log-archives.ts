import { defineCollector, requireValue } from "./context.js";
import { plainText, unwrapped } from "./salvage.js";

export const logArchivesCollector = defineCollector({
  id: "log_archives",
  async collect(ctx) {
    const result = await ctx.call((configuration) => new ctx.dd.v2.LogsArchivesApi(configuration).listLogsArchives());
    const value = requireValue(result, "v2 LogsArchivesApi.listLogsArchives");
    const archives = (value.data ?? []).map((archive) => ({
      id: archive.id ?? "",
      name: archive.attributes?.name ?? "(unnamed archive)",
      query: archive.attributes?.query ?? null,
      state: plainText(archive.attributes?.state) ?? "UNKNOWN",
      // A destination the client does not know (a newer kind) arrives unparsed: its type is still as sent.
      destination_type: plainText((unwrapped(archive.attributes?.destination) as { type?: unknown } | null)?.type),
    }));
    ctx.progress(archives.length);
    return { archives };
  },
});
