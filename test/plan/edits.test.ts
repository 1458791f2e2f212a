/**
 * Edits: the flags that ask for them, what they change in a snapshot (and
 * never in the snapshot given), and the refusal, exit 2 with the reason,
 * of an edit that names something the snapshot does not hold.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyEdit, PLANNED_TARGET } from "../../src/plan/apply-edit.js";
import { editProblem } from "../../src/plan/edit-targets.js";
import { EDIT_KINDS, type Edit, editString, parseEdit, parseEditString } from "../../src/plan/edits.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import {
  buildSnapshot,
  detectionRule,
  host,
  lastDays,
  logSources,
  PERIOD_DAYS,
  signals,
  sourceVolume,
} from "../assess/fixtures/snapshot-builder.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";

const snapshot: Snapshot = buildSnapshot({
  rules: {
    rules: [
      detectionRule({ id: "r-on", query: "source:cloudtrail" }),
      detectionRule({ id: "r-off", query: "source:okta", enabled: false }),
      detectionRule({ id: "r-tagged", query: "@evt.name:x", tags: ["source:cloudflare"] }),
    ],
  },
  log_sources: logSources(sourceVolume("cloudtrail", lastDays(10)), sourceVolume("okta", lastDays(92))),
  agents: { hosts: [host("web-01"), host("web-02", { cws_enabled: false }), host("db-01")] },
  log_indexes: { indexes: [{ name: "main", filter: null, retention_days: 15, flex_retention_days: null }] },
  notification_rules: { notification_rules: [] },
  signals: signals({ routing: { by_severity: { high: { total: 8, routed: 2 } }, rules: [], unparsable_rules: [] } }),
});

const EVERY_KIND: Edit[] = [
  { kind: "enable-rule", rule: "r-off" },
  { kind: "disable-rule", rule: "r-on" },
  { kind: "drop-source", source: "cloudtrail" },
  { kind: "restore-source", source: "cloudflare" },
  { kind: "protect-hosts", glob: "web-*" },
  { kind: "unprotect-hosts", glob: "db-*" },
  { kind: "route", severity: "high" },
  { kind: "set-retention", index: "main", days: 365 },
  { kind: "add-archive" },
];

describe("edit flags", () => {
  it("read back from the string each edit prints as", () => {
    expect(EVERY_KIND.map((edit) => edit.kind)).toEqual([...EDIT_KINDS]);
    for (const edit of EVERY_KIND) expect(parseEditString(editString(edit))).toEqual(edit);
    expect(editString({ kind: "set-retention", index: "main", days: 365 })).toBe("--set-retention main=365");
  });

  it("refuse values that cannot be edits", () => {
    expect(() => parseEdit("set-retention", "main")).toThrow(/expected INDEX=DAYS/);
    expect(() => parseEdit("set-retention", "main=0")).toThrow(/above 0/);
    expect(() => parseEdit("route", "severe")).toThrow(/expected one of info, low, medium, high, critical/);
    expect(() => parseEdit("enable-rule", " ")).toThrow(/expected a rule id/);
  });
});

describe("applying an edit", () => {
  it("changes only what it names, and never the snapshot given", () => {
    const before = structuredClone(snapshot);
    for (const edit of EVERY_KIND) {
      const edited = applyEdit(snapshot, edit);
      expect(edited).not.toBe(snapshot);
      expect(edited.collectors.audit).toBe(snapshot.collectors.audit);
    }
    expect(snapshot).toEqual(before);
  });

  it("keeps a rule's recorded signals when it is disabled", () => {
    const edited = applyEdit(snapshot, { kind: "disable-rule", rule: "r-on" });
    expect(edited.collectors.signals).toBe(snapshot.collectors.signals);
    const rules = edited.collectors.rules.status === "ok" ? edited.collectors.rules.data.rules : [];
    expect(rules.map((rule) => [rule.id, rule.enabled])).toEqual([
      ["r-on", false],
      ["r-off", false],
      ["r-tagged", true],
    ]);
  });

  it("gives a restored source data on every day of the period, and a dropped one none", () => {
    const restored = applyEdit(snapshot, { kind: "restore-source", source: "cloudtrail" });
    const volumes = restored.collectors.log_sources.status === "ok" ? restored.collectors.log_sources.data : null;
    const cloudtrail = volumes?.sources.find((volume) => volume.source === "cloudtrail");
    expect(cloudtrail?.days).toHaveLength(PERIOD_DAYS);
    expect(cloudtrail?.days.every((day) => day.count === 100)).toBe(true);
    expect(cloudtrail?.last_seen).toBe("2026-09-30T00:00:00Z");
    const dropped = applyEdit(snapshot, { kind: "drop-source", source: "okta" });
    const left = dropped.collectors.log_sources.status === "ok" ? dropped.collectors.log_sources.data.sources : [];
    expect(left.map((volume) => volume.source)).toEqual(["cloudtrail"]);
  });

  it("protects matching hosts and routes a severity's every signal", () => {
    const protectedHosts = applyEdit(snapshot, { kind: "protect-hosts", glob: "web-*" });
    const hosts = protectedHosts.collectors.agents.status === "ok" ? protectedHosts.collectors.agents.data.hosts : [];
    expect(hosts.slice(0, 2).map((h) => [h.hostname, h.cws_enabled, h.has_security_agent, h.last_reported_at])).toEqual(
      [
        ["web-01", true, true, snapshot.collected_at],
        ["web-02", true, true, snapshot.collected_at],
      ],
    );
    const before = snapshot.collectors.agents.status === "ok" ? snapshot.collectors.agents.data.hosts : [];
    expect(hosts[2]).toBe(before[2]);
    const routed = applyEdit(snapshot, { kind: "route", severity: "high" });
    const rules = routed.collectors.notification_rules;
    expect(
      rules.status === "ok"
        ? rules.data.notification_rules.map((rule) => [rule.severities, rule.query, rule.targets])
        : [],
    ).toEqual([[["high"], "", [PLANNED_TARGET]]]);
    const routing = routed.collectors.signals.status === "ok" ? routed.collectors.signals.data.routing : null;
    expect(routing?.by_severity.high).toEqual({ total: 8, routed: 8 });
  });
});

describe("an edit naming something that does not exist", () => {
  it("is explained", () => {
    expect(EVERY_KIND.map((edit) => editProblem(snapshot, edit))).toEqual(EVERY_KIND.map(() => null));
    expect(editProblem(snapshot, { kind: "enable-rule", rule: "nope" })).toMatch(/no detection or agent rule/);
    expect(editProblem(snapshot, { kind: "restore-source", source: "syslog" })).toMatch(/no log source "syslog"/);
    expect(editProblem(snapshot, { kind: "protect-hosts", glob: "app-*" })).toMatch(/no host name matches/);
    expect(editProblem(snapshot, { kind: "set-retention", index: "audit", days: 9 })).toMatch(/indexes: main/);
  });

  it("makes whatif exit 2 with the reason, writing nothing", async () => {
    const dir = scratchDir("plan-edits");
    const file = join(dir, "snapshot.json");
    writeFileSync(file, JSON.stringify(snapshot));
    const out = join(dir, "out.json");
    for (const [args, reason] of [
      [["--enable-rule", "nope"], /--enable-rule nope: no detection or agent rule has the id "nope"/],
      [["--drop-source", "syslog"], /--drop-source syslog: no log source "syslog" ingested in the period/],
      [["--protect-hosts", "app-*"], /--protect-hosts app-\*: no host name matches "app-\*"/],
      [["--set-retention", "audit=30"], /--set-retention audit=30: no log index is named "audit"/],
      [["--set-retention", "main"], /expected INDEX=DAYS/],
      [[], /whatif needs at least one edit/],
    ] as const) {
      const run = await cli(
        ["whatif", "--snapshot", file, "--add-archive", ...args, "--out", out].filter(
          (arg) => args.length > 0 || arg !== "--add-archive",
        ),
      );
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(reason);
    }
    expect(readdirSync(dir)).toEqual(["snapshot.json"]);
  });
});
