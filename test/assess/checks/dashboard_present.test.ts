import { runCheckTable } from "../check-table.js";
import { buildSnapshot } from "../fixtures/snapshot-builder.js";

const snap = (...titles: string[]) =>
  buildSnapshot({ dashboards: { dashboards: titles.map((title, i) => ({ id: `d-${i + 1}`, title, url: null })) } });

runCheckTable("dashboard_present", {
  pass: [
    {
      name: "a Security Operations dashboard, matched case-insensitively",
      snapshot: snap("Web latency", "Security Operations Overview"),
      messageId: "found",
      data: { matched: 1, total: 2, titles: ["Security Operations Overview"] },
      evidence: ["d-2"],
      reasonCode: null,
    },
    {
      name: "exactly min_count dashboards with custom patterns",
      snapshot: snap("SOC board", "SOC triage"),
      params: { title_patterns: ["soc *"], min_count: 2 },
      messageId: "found",
      data: { matched: 2 },
    },
  ],
  partial: [
    {
      name: "one short of min_count",
      snapshot: snap("Cloud SIEM", "Payments"),
      params: { min_count: 2 },
      messageId: "tooFew",
      data: { matched: 1, min_count: 2 },
      reasonCode: "dashboard_missing",
    },
  ],
  fail: [
    {
      name: "no security dashboard",
      snapshot: snap("Web latency"),
      messageId: "none",
      data: { matched: 0, total: 1 },
      reasonCode: "dashboard_missing",
    },
    { name: "no dashboards at all", snapshot: snap(), messageId: "none", data: { total: 0 } },
  ],
  unknown: [
    {
      name: "dashboards collector failed",
      snapshot: buildSnapshot({ dashboards: "error" }),
      messageId: "collectorFailed",
    },
  ],
});
