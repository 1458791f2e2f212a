import { runCheckTable } from "../check-table.js";
import { buildSnapshot, signalRule, signals } from "../fixtures/snapshot-builder.js";

runCheckTable("signals_retrievable", {
  pass: [
    {
      name: "signals returned",
      snapshot: buildSnapshot({ signals: signals({ by_rule: [signalRule("r1", 4)] }) }),
      messageId: "retrieved",
      data: { total: 4, days: 1, min_signals: 1 },
      evidence: ["search", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z"],
      reasonCode: null,
    },
    {
      name: "exactly min_signals",
      snapshot: buildSnapshot({ signals: signals({ by_rule: [signalRule("r1", 5)] }) }),
      params: { min_signals: 5 },
      messageId: "retrieved",
    },
  ],
  fail: [
    {
      name: "the search worked but returned nothing",
      snapshot: buildSnapshot(),
      messageId: "tooFew",
      data: { total: 0 },
      reasonCode: "never_fired",
    },
    {
      name: "one short of min_signals",
      snapshot: buildSnapshot({ signals: signals({ by_rule: [signalRule("r1", 4)] }) }),
      params: { min_signals: 5 },
      messageId: "tooFew",
    },
  ],
  unknown: [
    {
      name: "signals collector failed",
      snapshot: buildSnapshot({ signals: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["signals"] },
    },
  ],
});
