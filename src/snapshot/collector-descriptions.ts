/**
 * The one description of each collector: what it gathers and exactly what it
 * asks the Datadog API (each call with its filters and paging). The collector
 * carries it (defineCollector) and the evidence pack's appendix prints it, so
 * the two cannot tell different stories. It lives beside the snapshot schema,
 * which owns the collector ids, because report/ may not import collectors/.
 */
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import data from "./collector-descriptions.json" with { type: "json" };
import { COLLECTOR_IDS, type CollectorId } from "./schema.js";

const ApiCall = z
  .object({
    /** The client's API class and method, e.g. `v2 AuditApi.searchAuditLogs`. */
    operation: z.string().regex(/^v[12] \w+Api\.\w+$/, "expected `v1|v2 SomethingApi.method`"),
    /** The filters sent, as sent: query, time window, grouping. */
    asks: z.string().min(1),
    /** How the pages are walked, with the page size. */
    paging: z.string().min(1),
  })
  .strict();
export type ApiCall = z.infer<typeof ApiCall>;

export const CollectorDescription = z
  .object({
    title: z.string().min(1),
    /** What ends up in the snapshot, and what is left out. */
    collects: z.string().min(1),
    calls: z.array(ApiCall).min(1),
  })
  .strict();
export type CollectorDescription = z.infer<typeof CollectorDescription>;

const CollectorDescriptionsFile = z
  .object({ $comment: z.string(), collectors: z.record(z.enum(COLLECTOR_IDS), CollectorDescription) })
  .strict();

const descriptions = parseOrThrow(
  CollectorDescriptionsFile,
  data,
  "src/snapshot/collector-descriptions.json",
).collectors;

/** The description of the collector that fills the snapshot part `id`. */
export function collectorDescription(id: CollectorId): CollectorDescription {
  return descriptions[id];
}
