import { runCheckTable } from "../check-table.js";
import { buildSnapshot, suppression } from "../fixtures/snapshot-builder.js";

// Collected 2026-10-01T06:00:00Z.
const snap = (...list: ReturnType<typeof suppression>[]) => buildSnapshot({ suppressions: { suppressions: list } });

runCheckTable("suppression_hygiene", {
  pass: [
    {
      name: "a suppression scheduled to start after collection is not in force, and is named (the recorded 2099 start)",
      snapshot: snap(
        suppression("s1"),
        suppression("s2", { name: "Later", description: null, expires_at: null, starts_at: "2099-01-01T00:00:00Z" }),
      ),
      messageId: "tidy",
      data: { active: 1, tidy: 1, scheduled: 1 },
      reasonContains: "(1 scheduled to start later, not yet in force: Later)",
    },
    {
      name: "a suppression that started before collection is in force",
      snapshot: snap(suppression("s1", { starts_at: "2026-09-01T00:00:00Z" })),
      messageId: "tidy",
      data: { active: 1, scheduled: 0 },
    },
    {
      name: "all described and expiring",
      snapshot: snap(suppression("s1"), suppression("s2")),
      messageId: "tidy",
      data: { tidy: 2, active: 2, pct: 100 },
      reasonCode: null,
    },
    {
      name: "disabled and expired suppressions are not in force",
      snapshot: snap(
        suppression("s1"),
        suppression("s2", { enabled: false, description: null }),
        suppression("s3", { expires_at: "2026-10-01T05:59:59Z", description: null }),
      ),
      messageId: "tidy",
      data: { active: 1 },
    },
    {
      name: "expiry exactly max_duration_days away",
      snapshot: snap(suppression("s1", { expires_at: "2026-10-31T06:00:00Z" })),
      params: { max_duration_days: 30 },
      messageId: "tidy",
    },
    {
      name: "nothing in force and none required",
      snapshot: snap(),
      messageId: "noSuppressions",
      data: { active: 0 },
    },
    {
      name: "min_share lets one untidy suppression in four pass at 0.75",
      snapshot: snap(suppression("s1"), suppression("s2"), suppression("s3"), suppression("s4", { description: "  " })),
      params: { min_share: 0.75 },
      messageId: "tidy",
      data: { tidy: 3, no_description: 1 },
      evidence: ["s4"],
    },
  ],
  partial: [
    {
      name: "one without an expiry, one without a description",
      snapshot: snap(
        suppression("s1"),
        suppression("s2", { expires_at: null }),
        suppression("s3", { description: null }),
      ),
      messageId: "untidy",
      data: { tidy: 1, active: 3, no_expiry: 1, no_description: 1, too_long: 0 },
      evidence: ["s2", "s3"],
      reasonCode: "suppression_hygiene",
    },
    {
      name: "expiry a second past max_duration_days",
      snapshot: snap(
        suppression("s1", { expires_at: "2026-10-15T00:00:00Z" }),
        suppression("s2", { expires_at: "2026-10-31T06:00:01Z" }),
      ),
      params: { max_duration_days: 30 },
      messageId: "untidy",
      data: { too_long: 1 },
    },
  ],
  fail: [
    {
      name: "none tidy",
      snapshot: snap(suppression("s1", { expires_at: null })),
      messageId: "noneTidy",
      reasonCode: "suppression_hygiene",
    },
    {
      name: "fewer in force than min_suppressions",
      snapshot: snap(),
      params: { min_suppressions: 1 },
      messageId: "tooFew",
      data: { active: 0, min_suppressions: 1 },
    },
  ],
  unknown: [
    {
      name: "suppressions collector failed",
      snapshot: buildSnapshot({ suppressions: "error" }),
      messageId: "collectorFailed",
    },
  ],
});
