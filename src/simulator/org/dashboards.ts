/** Dashboards (data/dashboards.json), plus generated service dashboards at large scale. */
import data from "../data/dashboards.json" with { type: "json" };
import { rngFor } from "../prng.js";
import { DAY_MS } from "../time-units.js";
import { threePartId } from "./ids.js";

export interface DemoDashboard {
  id: string;
  title: string;
  description: string | null;
  layoutType: string;
  authorIndex: number;
  createdAt: number;
  modifiedAt: number;
  /** Built from security data (signals, findings, audit). */
  security: boolean;
}

export function generateDashboards(seed: number, extra: number, nowMs: number): DemoDashboard[] {
  const specs = [
    ...data.dashboards,
    ...Array.from({ length: extra }, (_, n) => ({
      title: data.generatedTitle
        .replace("{service}", data.generatedServices[n % data.generatedServices.length] ?? "service")
        .replace("{n}", String(n + 1)),
      description: null,
      layout: "ordered",
      author: n,
      security: false,
    })),
  ];
  return specs.map((spec, index) => {
    const random = rngFor(seed, "dashboard", index);
    const createdAt = nowMs - random.int(10, 900) * DAY_MS;
    return {
      id: threePartId(random),
      title: spec.title,
      description: spec.description,
      layoutType: spec.layout,
      authorIndex: spec.author,
      createdAt,
      modifiedAt: createdAt + Math.floor(random.next() * (nowMs - createdAt)),
      security: spec.security,
    };
  });
}
