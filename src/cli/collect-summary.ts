/** The few lines `collect` and `demo` print when a snapshot is written. */
import type { Snapshot } from "../snapshot/schema.js";
import { COLLECTOR_IDS } from "../snapshot/schema.js";

function itemCount(snapshot: Snapshot, id: (typeof COLLECTOR_IDS)[number]): string {
  const part = snapshot.collectors[id];
  if (part.status !== "ok") return "";
  const data = part.data as Record<string, unknown>;
  if (id === "signals") return `${(data as { total: number }).total} signals`;
  const list = Object.values(data).find(Array.isArray) as unknown[] | undefined;
  return list ? `${list.length} items` : "";
}

export function summariseSnapshot(snapshot: Snapshot, file: string): string[] {
  const failed = COLLECTOR_IDS.filter((id) => snapshot.collectors[id].status === "error");
  const requests = COLLECTOR_IDS.reduce((sum, id) => sum + snapshot.collectors[id].requests, 0);
  const width = Math.max(...COLLECTOR_IDS.map((id) => id.length));
  const lines = [
    `Snapshot ${file}`,
    `  period ${snapshot.period.label}: ${snapshot.period.from} to ${snapshot.period.to} (${snapshot.period.timezone})`,
    `  ${COLLECTOR_IDS.length - failed.length} of ${COLLECTOR_IDS.length} collectors ok, ${requests} requests`,
  ];
  for (const id of COLLECTOR_IDS) {
    const part = snapshot.collectors[id];
    const detail = part.status === "ok" ? itemCount(snapshot, id) : `ERROR: ${part.error}`;
    lines.push(`  ${id.padEnd(width)}  ${part.status.padEnd(5)}  ${detail}`);
  }
  if (failed.length > 0) {
    lines.push(
      `Evidence is INCOMPLETE: ${failed.join(", ")} could not be collected; checks that need them will be "unknown".`,
    );
  }
  return lines;
}
