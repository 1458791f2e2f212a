/**
 * Facts of the generated demo organisation (small scale), checked without
 * HTTP: the mix of rules, sources, hosts, signals and audit events that the
 * assessment is meant to find.
 */
import { describe, expect, it } from "vitest";
import scales from "../../src/simulator/data/scales.json" with { type: "json" };
import { buildOrg } from "../../src/simulator/org/demo-org.js";
import { UNKNOWN_RULE_TYPE } from "../../src/simulator/org/rules.js";
import { NOW, Q3 } from "./http.js";

const org = buildOrg(7, "small", NOW);
const DAY = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function dailyCounts(source: string, from: Date, days: number): number[] {
  return Array.from({ length: days }, (_, i) =>
    org.countLogs(source, new Date(from.getTime() + i * DAY), new Date(from.getTime() + (i + 1) * DAY)),
  );
}

describe("demo org rules", () => {
  it("has exactly the configured count of each rule type, with unique ids and names", () => {
    const counts: Record<string, number> = {};
    for (const rule of org.rules) {
      const type = rule.unparsed ? "log_detection" : rule.type;
      counts[type] = (counts[type] ?? 0) + 1;
    }
    expect(counts).toEqual(scales.small.rulesByType);
    expect(org.rules).toHaveLength(300);
    expect(new Set(org.rules.map((r) => r.id)).size).toBe(300);
    expect(new Set(org.rules.map((r) => r.name)).size).toBe(300);
  });

  it("has exactly one rule with an unknown type, a custom log detection rule", () => {
    const unparsed = org.rules.filter((r) => r.unparsed);
    expect(unparsed.map((r) => [r.id, r.type, r.isDefault])).toEqual([[org.unparsedRuleId, UNKNOWN_RULE_TYPE, false]]);
    expect(org.rules.filter((r) => r.type === UNKNOWN_RULE_TYPE)).toHaveLength(1);
  });

  it("mixes default and custom rules, and disables about 15%", () => {
    const disabled = org.rules.filter((r) => !r.enabled).length / org.rules.length;
    expect(disabled).toBeGreaterThan(0.08);
    expect(disabled).toBeLessThan(0.25);
    expect(org.rules.filter((r) => r.isDefault).length).toBeGreaterThan(100);
    expect(org.rules.filter((r) => !r.isDefault).length).toBeGreaterThan(100);
    expect(org.rules.filter((r) => r.isDefault).every((r) => r.id.startsWith("def-000-"))).toBe(true);
  });

  it("uses every severity, from info to critical, in its rule cases", () => {
    expect(new Set(org.rules.flatMap((r) => r.cases.map((c) => c.status)))).toEqual(
      new Set(["info", "low", "medium", "high", "critical"]),
    );
  });

  it("tags ATT&CK the way Datadog writes it on rules (upper-case ids, slugged names)", () => {
    const tags = org.rules.flatMap((r) => r.tags);
    const attack = tags.filter((t) => /^(tactic|technique|subtechnique):/.test(t));
    expect(attack.length).toBeGreaterThan(300);
    for (const tag of attack)
      expect(tag).toMatch(/^(tactic:TA\d{4}|technique:T\d{4}|subtechnique:T\d{4}\.\d{3})-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(tags).toContain("technique:T1110-brute-force");
    expect(tags).toContain("tactic:TA0006-credential-access");
    expect(tags).toContain("subtechnique:T1552.001-credentials-in-files");
    // A rule tagged with a sub-technique also carries its parent.
    for (const rule of org.rules.filter((r) => r.tags.some((t) => t.startsWith("subtechnique:")))) {
      const parents = rule.tags
        .filter((t) => t.startsWith("subtechnique:"))
        .map((t) => t.slice("subtechnique:".length, "subtechnique:".length + 5));
      for (const parent of parents) expect(rule.tags.some((t) => t.startsWith(`technique:${parent}-`))).toBe(true);
    }
  });

  it("has custom rules without a source tag that name their sources only in the query", () => {
    const untagged = org.rules.filter(
      (r) => r.type === "log_detection" && !r.tags.some((t) => t.startsWith("source:")),
    );
    expect(untagged.length).toBeGreaterThan(3);
    const identity = untagged.find((r) => r.name === "Failed logins across identity providers");
    expect(identity?.queries[0]).toBe("source:(okta OR gsuite) @evt.name:user.session.start -@outcome.result:SUCCESS");
    expect(identity?.logSources.sort()).toEqual(["gsuite", "okta"]);
    expect(untagged.some((r) => r.logSources.length === 0)).toBe(true);
  });

  it("tags kubernetes rules with the integration while their queries read kubernetes.audit", () => {
    const kubernetes = org.rules.filter((r) => r.tags.includes("source:kubernetes"));
    expect(kubernetes.length).toBeGreaterThan(5);
    for (const rule of kubernetes) expect(rule.queries.every((q) => q.includes("source:kubernetes.audit"))).toBe(true);
  });

  it("gives signal correlation rules two real log detection rules", () => {
    const ids = new Set(org.rules.map((r) => r.id));
    for (const rule of org.rules.filter((r) => r.type === "signal_correlation")) {
      expect(rule.correlatedRuleIds).toHaveLength(2);
      for (const id of rule.correlatedRuleIds) expect(ids.has(id)).toBe(true);
    }
  });
});

describe("demo org log sources", () => {
  it("has steady, gappy, recently silent and silent sources", () => {
    const patterns = Object.fromEntries(org.logSources.map((s) => [s.name, s.pattern]));
    expect(patterns).toMatchObject({
      cloudtrail: "steady",
      "windows.events": "gaps",
      vpc: "gaps",
      auth: "went_silent",
      cloudflare: "silent",
    });
    expect([...org.silentSources].sort()).toEqual(["cloudflare", "microsoft-365"]);
  });

  it("counts logs as a pure function of the day: steady every day, gaps some days, silent never", () => {
    const q3Days = 92;
    expect(dailyCounts("cloudtrail", Q3.from, q3Days).every((n) => n > 1_000_000)).toBe(true);
    const windows = dailyCounts("windows.events", Q3.from, q3Days);
    expect(windows.filter((n) => n === 0).length).toBeGreaterThan(10);
    expect(windows.filter((n) => n > 0).length).toBeGreaterThan(40);
    expect(org.countLogs("cloudflare", new Date(NOW.getTime() - 400 * DAY), NOW)).toBe(0);
  });

  it("has a source that went silent 9 days before now", () => {
    const auth = org.logSources.find((s) => s.name === "auth");
    expect(auth?.silentSince?.toISOString()).toBe("2026-11-07T00:00:00.000Z");
    expect(org.countLogs("auth", day("2026-11-07"), NOW)).toBe(0);
    expect(dailyCounts("auth", day("2026-10-01"), 37).every((n) => n > 0)).toBe(true);
  });

  it("adds up: a day is the sum of its hours, and nothing is counted after now", () => {
    const from = day("2026-08-12");
    const hours = Array.from({ length: 24 }, (_, h) =>
      org.countLogs("okta", new Date(from.getTime() + h * 3_600_000), new Date(from.getTime() + (h + 1) * 3_600_000)),
    );
    expect(hours.reduce((a, b) => a + b, 0)).toBe(org.countLogs("okta", from, new Date(from.getTime() + DAY)));
    expect(org.countLogs("okta", NOW, new Date(NOW.getTime() + 10 * DAY))).toBe(0);
  });
});

describe("demo org hosts", () => {
  it("has 60 hosts with exact shares of each category", () => {
    expect(org.hosts).toHaveLength(60);
    expect(new Set(org.hostnames).size).toBe(60);
    expect(org.hosts.filter((h) => h.agentVersion === null)).toHaveLength(3);
    expect(org.hosts.filter((h) => h.stale)).toHaveLength(3);
    expect(org.hosts.filter((h) => h.oldAgent)).toHaveLength(3);
    expect(org.hosts.filter((h) => h.agentVersion !== null && !h.cwsEnabled)).toHaveLength(7);
    expect(org.agentHostnames).toHaveLength(57);
  });

  it("reports recent hosts within minutes and stale ones 2 to 6 days ago", () => {
    for (const host of org.hosts) {
      const age = NOW.getTime() - host.lastReportedAt;
      if (host.stale) {
        expect(age).toBeGreaterThanOrEqual(2 * DAY);
        expect(age).toBeLessThan(6 * DAY);
      } else {
        expect(age).toBeLessThanOrEqual(300_000);
      }
    }
  });
});

describe("demo org signals and audit trail", () => {
  it("has about 5,000 signals a quarter, additive over any split, none after now", () => {
    const total = org.countSignals(Q3.from, Q3.to);
    expect(total).toBeGreaterThan(4000);
    expect(total).toBeLessThan(6000);
    const split = new Date("2026-08-17T13:27:11.123Z");
    expect(org.countSignals(Q3.from, split) + org.countSignals(split, Q3.to)).toBe(total);
    expect(org.countSignals(NOW, new Date(NOW.getTime() + 30 * DAY))).toBe(0);
    expect(org.countSignals(new Date(NOW.getTime() - 2000 * DAY), new Date(NOW.getTime() - 1000 * DAY))).toBe(0);
  });

  it("fires only enabled threat rules that read a source with logs, and not all of them", () => {
    const byId = new Map(org.rules.map((r) => [r.id, r]));
    const firing = org.firingRuleIds.map((id) => byId.get(id));
    expect(firing.length).toBeGreaterThan(50);
    for (const rule of firing) {
      expect(rule?.enabled).toBe(true);
      expect(["log_detection", "workload_security", "application_security", "signal_correlation"]).toContain(
        rule?.type,
      );
      expect(rule?.logSources.length === 0 || rule?.logSources.some((s) => !org.silentSources.includes(s))).toBe(true);
    }
    expect(firing.length).toBeLessThan(org.rules.filter((r) => r.enabled).length / 2);
  });

  it("records a few dozen rule changes a quarter, of every kind, consistent with the rules", () => {
    const changes = org.ruleChanges(Q3.from, Q3.to);
    expect(changes.length).toBe(org.countRuleChanges(Q3.from, Q3.to));
    expect(changes.length).toBeGreaterThan(15);
    expect(changes.length).toBeLessThan(80);
    expect(new Set(changes.map((c) => c.kind))).toEqual(
      new Set(["created", "modified", "enabled", "disabled", "deleted"]),
    );
    const byId = new Map(org.rules.map((r) => [r.id, r]));
    for (const change of changes) {
      if (change.kind === "deleted") expect(byId.has(change.ruleId)).toBe(false);
      else expect(byId.get(change.ruleId)?.name).toBe(change.ruleName);
      if (change.kind === "enabled") expect(byId.get(change.ruleId)?.enabled).toBe(true);
      if (change.kind === "disabled") expect(byId.get(change.ruleId)?.enabled).toBe(false);
    }
    expect(changes.every((c, i) => i === 0 || c.timestamp >= (changes[i - 1]?.timestamp ?? 0))).toBe(true);
  });
});

describe("demo org configuration", () => {
  it("has suppressions without description, without expiry, expired ones and one scheduled to start far ahead", () => {
    const now = NOW.getTime();
    expect(org.suppressions).toHaveLength(11);
    expect(org.suppressions.filter((s) => s.startsAt > now)).toHaveLength(1);
    expect(org.suppressions.filter((s) => s.startsAt <= now).every((s) => s.startsAt === s.createdAt)).toBe(true);
    expect(org.suppressions.filter((s) => s.description === null).length).toBeGreaterThan(1);
    expect(org.suppressions.filter((s) => s.expiresAt === null).length).toBeGreaterThan(1);
    expect(org.suppressions.filter((s) => s.expiresAt !== null && s.expiresAt < now).length).toBeGreaterThan(1);
    expect(org.suppressions.every((s) => /^ruleId:/.test(s.ruleQuery))).toBe(true);
  });

  it("routes critical and high signals, with one notification rule disabled and one scoped to env:test", () => {
    expect(org.notificationRules).toHaveLength(5);
    expect(org.notificationRules.filter((r) => !r.enabled)).toHaveLength(1);
    // Like the recorded rules: critical signal_correlation signals of env:test only.
    expect(
      org.notificationRules.filter((r) => r.query === "env:test" && r.ruleTypes.join() === "signal_correlation"),
    ).toHaveLength(1);
    const routed = org.notificationRules.filter((r) => r.enabled).flatMap((r) => r.severities);
    expect(routed).toEqual(expect.arrayContaining(["critical", "high"]));
  });

  it("has a security dashboard, indexes with retention and a failing archive", () => {
    expect(org.dashboards.some((d) => d.title === "Security Overview – Cloud SIEM")).toBe(true);
    expect(org.logIndexes.map((i) => [i.name, i.retentionDays])).toContainEqual(["security", 90]);
    expect(org.logArchives.map((a) => a.state).sort()).toEqual(["FAILING", "WORKING"]);
    expect(org.agentRules).toHaveLength(40);
    expect(org.agentRules.every((r) => r.productTags.some((t) => t.startsWith("technique:T")))).toBe(true);
  });
});
