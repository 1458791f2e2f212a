/**
 * The real collectors, through the official client, against the simulator
 * over real HTTP on 127.0.0.1.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/collectors/run.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { type PartData, Snapshot } from "../../src/snapshot/schema.js";
import { useSimulator } from "../helpers/simulator.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const period = resolvePeriod("2026-Q3", "UTC", NOW);
const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 200, maxRetries: 2, timeoutMs: 5000 };

const context = useSimulator({ now: NOW });
let dir: string;
let snapshot: Snapshot;

function data<K extends keyof Snapshot["collectors"]>(id: K): PartData<K> {
  const part = snapshot.collectors[id];
  if (part.status !== "ok") throw new Error(`${id} failed: ${part.error}`);
  return part.data as PartData<K>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-collect-"));
  const session = await DatadogSession.open(context.target(), { policy: FAST_RETRIES });
  snapshot = await collectSnapshot({ session, period, now: NOW, populationDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a full collection of the small demo org", () => {
  it("succeeds on every collector and validates as a snapshot", () => {
    expect(Snapshot.safeParse(snapshot).success).toBe(true);
    const failed = Object.entries(snapshot.collectors).filter(([, part]) => part.status !== "ok");
    expect(failed).toEqual([]);
    expect(snapshot.complete).toBe(true);
    expect(snapshot.period).toEqual(period);
    expect(snapshot.org.api_url).toBe(context.sim.url);
  });

  it("pages through every rule, and keeps the one the client cannot parse, flagged", () => {
    const { rules } = data("rules");
    expect(rules.length).toBe(context.sim.org.rules.length);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    expect(snapshot.collectors.rules.requests).toBeGreaterThanOrEqual(Math.ceil(rules.length / 100));
    const unparsed = rules.find((rule) => rule.id === context.sim.org.unparsedRuleId);
    expect(unparsed).toMatchObject({ unparsed: true });
    expect(unparsed!.name.length).toBeGreaterThan(0);
    expect(rules.filter((rule) => rule.unparsed)).toHaveLength(1);
    expect(snapshot.collectors.rules.warnings.join("\n")).toContain(context.sim.org.unparsedRuleId);
    // Tags, cases and queries come through.
    const tagged = rules.filter((rule) => rule.tags.some((tag) => /^technique:T\d{4}/i.test(tag)));
    expect(tagged.length).toBeGreaterThan(50);
    expect(rules.some((rule) => !rule.enabled)).toBe(true);
    expect(rules.some((rule) => rule.queries.some((query) => query.query.includes("source:")))).toBe(true);
  });

  it("keeps what real rules carry: options, lifecycle flags, and what a correlation rule chains, with its updatedAt", () => {
    const { rules } = data("rules");
    expect(rules.some((rule) => rule.is_deprecated)).toBe(true);
    expect(rules.some((rule) => rule.is_beta)).toBe(true);
    expect(
      rules.filter((rule) => rule.is_default && !rule.unparsed).every((rule) => rule.default_rule_id !== null),
    ).toBe(true);
    const threat = rules.find((rule) => rule.type === "log_detection" && !rule.unparsed)!;
    expect(threat.options).toMatchObject({
      detection_method: expect.any(String),
      evaluation_window_s: 300,
      keep_alive_s: 3600,
      max_signal_duration_s: 86400,
    });
    const correlations = rules.filter((rule) => rule.type === "signal_correlation");
    expect(correlations.length).toBeGreaterThan(0);
    // updatedAt sits outside the client's model for this type (additionalProperties).
    expect(correlations.every((rule) => rule.updated_at !== null)).toBe(true);
    for (const rule of correlations) {
      expect(
        rule.queries.every(
          (query) => query.query === "" && (query.chained_rule_id !== null || query.chained_default_rule_id !== null),
        ),
      ).toBe(true);
      expect(rule.queries.every((query) => query.correlated_by.length > 0)).toBe(true);
    }
    expect(correlations.some((rule) => rule.queries.some((query) => query.chained_default_rule_id !== null))).toBe(
      true,
    );
    const byDefault = new Set(rules.map((rule) => rule.default_rule_id));
    const byId = new Set(rules.map((rule) => rule.id));
    for (const query of correlations.flatMap((rule) => rule.queries)) {
      expect(
        query.chained_rule_id !== null ? byId.has(query.chained_rule_id) : byDefault.has(query.chained_default_rule_id),
      ).toBe(true);
    }
  });

  it("keeps suppression start dates, one of them in the future", () => {
    const { suppressions } = data("suppressions");
    expect(suppressions.every((suppression) => suppression.starts_at !== null)).toBe(true);
    expect(suppressions.filter((suppression) => Date.parse(suppression.starts_at!) > NOW.getTime())).toHaveLength(1);
  });

  it("holds the period invariant: every event record in the snapshot and the population file lies in [from, to)", async () => {
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    const inPeriod = (time: string) => Date.parse(time) >= from && Date.parse(time) < to;
    const changes = data("audit").rule_changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((change) => !inPeriod(change.timestamp))).toEqual([]);
    const { by_rule: byRule } = data("signals");
    expect(byRule.filter((rule) => !inPeriod(rule.first_seen) || !inPeriod(rule.last_seen))).toEqual([]);
    const lines = (await readFile(join(dir, "signals.jsonl"), "utf8")).trimEnd().split("\n");
    expect(
      lines.map((line) => (JSON.parse(line) as { timestamp: string }).timestamp).filter((time) => !inPeriod(time)),
    ).toEqual([]);
    const days = new Set(data("log_sources").sources.flatMap((source) => source.days.map((day) => day.date)));
    expect([...days].filter((day) => day < "2026-07-01" || day > "2026-09-30")).toEqual([]);
    // The simulator answered with signals from before the period: counted, never kept.
    expect(snapshot.collectors.signals.warnings.join("\n")).toMatch(
      /^\d+ signal\(s\) the API returned from outside the period/m,
    );
  });

  it("joins every host with its security agent", () => {
    const { hosts } = data("agents");
    expect(hosts.map((host) => host.hostname).sort()).toEqual([...context.sim.org.hostnames].sort());
    expect(hosts.some((host) => host.cws_enabled)).toBe(true);
    expect(hosts.some((host) => !host.has_security_agent)).toBe(true);
    expect(hosts.every((host) => host.last_reported_at !== null)).toBe(true);
  });

  it("maps each host's agent version, CWS and CSPM flags and last report from what the org holds, field by field", () => {
    const { hosts } = data("agents");
    const byName = new Map(hosts.map((host) => [host.hostname, host]));
    const org = context.sim.org.hosts;
    // Hosts whose two products differ, both ways round, so a flag read from the other field cannot pass.
    const cwsOnly = org.filter((host) => host.cwsEnabled && !host.cspmEnabled);
    const cspmOnly = org.filter((host) => !host.cwsEnabled && host.cspmEnabled);
    expect(cwsOnly.length).toBeGreaterThan(0);
    expect(cspmOnly.length).toBeGreaterThan(0);
    for (const host of [...cwsOnly, ...cspmOnly]) {
      expect(byName.get(host.hostname), host.hostname).toMatchObject({
        cws_enabled: host.cwsEnabled,
        cspm_enabled: host.cspmEnabled,
      });
    }
    expect(new Set(org.map((host) => host.agentVersion)).size).toBeGreaterThan(2);
    for (const host of org) {
      expect(byName.get(host.hostname), host.hostname).toEqual({
        hostname: host.hostname,
        agent_version: host.agentVersion,
        cws_enabled: host.cwsEnabled,
        cspm_enabled: host.cspmEnabled,
        // The hosts API reports whole epoch seconds.
        last_reported_at: new Date(Math.floor(host.lastReportedAt / 1000) * 1000).toISOString(),
        has_security_agent: host.agentVersion !== null,
      });
    }
  });

  it("keeps every log index's filter, retention and Flex retention as the org holds them", () => {
    const indexes = context.sim.org.logIndexes;
    // The org has indexes with and without a Flex tier, with differing retentions.
    expect(indexes.some((index) => index.flexRetentionDays !== null)).toBe(true);
    expect(indexes.some((index) => index.flexRetentionDays === null)).toBe(true);
    expect(new Set(indexes.map((index) => index.retentionDays)).size).toBeGreaterThan(1);
    expect(data("log_indexes").indexes).toEqual(
      indexes.map((index) => ({
        name: index.name,
        filter: index.query,
        retention_days: index.retentionDays,
        flex_retention_days: index.flexRetentionDays,
      })),
    );
  });

  it("counts every signal of the period, and streams each to the population file", async () => {
    const signals = data("signals");
    const expected = context.sim.org.countSignals(new Date(period.from), new Date(period.to));
    expect(signals.total).toBe(expected);
    expect(signals.by_day).toHaveLength(92);
    expect(signals.by_day.reduce((sum, day) => sum + day.count, 0)).toBe(expected);
    expect(signals.by_rule.reduce((sum, rule) => sum + rule.count, 0)).toBe(expected);
    // Every signal's rule, severity and triage state were read from the wire.
    expect(signals.by_rule.map((rule) => rule.rule_id)).not.toContain("(no rule)");
    expect(signals.by_triage_state.unknown).toBeUndefined();
    expect(signals.by_severity.unknown).toBeUndefined();
    expect(Object.keys(signals.by_triage_state).sort()).toEqual(["archived", "open", "under_review"]);
    expect(signals.population_file).toBe("signals.jsonl");
    // No more requests than full pages need, plus at most one partly filled page
    // per time slice; how many slices depends on the latency measured, at most 8.
    expect(snapshot.collectors.signals.requests).toBeLessThanOrEqual(Math.ceil(expected / 1000) + 8);
    const lines = (await readFile(join(dir, "signals.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(expected);
    const ids = new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id));
    expect(ids.size).toBe(expected);
    const times = lines.map((line) => Date.parse((JSON.parse(line) as { timestamp: string }).timestamp));
    expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
    // No slice files are left behind.
    expect((await readdir(dir)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("records daily log volume per source, with silent sources absent or empty", () => {
    const { sources, period_days } = data("log_sources");
    expect(period_days).toBe(92);
    const ingesting = sources.filter((source) => source.total > 0).map((source) => source.source);
    expect(ingesting.length).toBeGreaterThan(5);
    for (const silent of context.sim.org.silentSources) expect(ingesting).not.toContain(silent);
    // The API also answers with the day before the period: left out, and counted.
    const days = sources.flatMap((source) => source.days.map((day) => day.date));
    expect(days.every((day) => day >= "2026-07-01" && day <= "2026-09-30")).toBe(true);
    expect(snapshot.collectors.log_sources.warnings.join("\n")).toMatch(
      /^\d+ daily log-volume bucket\(s\) the API returned for days outside the period were left out$/m,
    );
  });

  it("keeps every notification selector and measures routing on the period's signals", () => {
    const rules = data("notification_rules").notification_rules;
    const scoped = rules.find((rule) => rule.query === "env:test");
    expect(scoped).toMatchObject({
      severities: ["critical"],
      rule_types: ["signal_correlation"],
      trigger_source: "security_signals",
    });
    const { routing, total } = data("signals");
    expect(routing).not.toBeNull();
    const bySeverity = Object.values(routing!.by_severity);
    expect(bySeverity.reduce((sum, counts) => sum + counts.total, 0)).toBe(total);
    expect(bySeverity.every((counts) => counts.routed <= counts.total)).toBe(true);
    // Demo signals are env:prod: the env:test rule matches none of them.
    expect(Object.values(routing!.rules.find((rule) => rule.id === scoped!.id)!.matched_by_severity)).toEqual([]);
    // The unscoped critical rule routes every critical signal.
    expect(routing!.by_severity.critical!.routed).toBe(routing!.by_severity.critical!.total);
  });

  it("collects the smaller lists", () => {
    expect(data("suppressions").suppressions.length).toBeGreaterThan(0);
    expect(
      data("agent_rules").agent_rules.some((rule) =>
        rule.product_tags.some((tag) => tag.toLowerCase().startsWith("technique:")),
      ),
    ).toBe(true);
    expect(data("notification_rules").notification_rules.some((rule) => rule.severities.includes("critical"))).toBe(
      true,
    );
    expect(data("dashboards").dashboards.some((dashboard) => /security/i.test(dashboard.title))).toBe(true);
    expect(data("log_indexes").indexes.every((index) => index.retention_days !== null)).toBe(true);
    expect(data("log_archives").archives.length).toBeGreaterThan(0);
    const ruleChanges = data("audit").rule_changes.filter((change) => change.asset_type === "security_rule");
    expect(ruleChanges.length).toBe(context.sim.org.countRuleChanges(new Date(period.from), new Date(period.to)));
  });
});

describe("rule changes from Audit Trail", () => {
  it("names enabling and disabling for what they are", () => {
    const changes = data("audit").rule_changes.filter((change) => change.asset_type === "security_rule");
    const expected = context.sim.org.ruleChanges(new Date(period.from), new Date(period.to));
    const kinds = new Set(changes.map((change) => change.action));
    expect(kinds.has("modified")).toBe(true);
    expect(kinds.has("enabled") || kinds.has("disabled")).toBe(true);
    expect(changes.every((change) => change.rule_id !== null && change.user !== null)).toBe(true);
    expect(changes.map((change) => change.action).sort()).toEqual(expected.map((change) => change.kind).sort());
  });

  it("keeps suppression changes as such and ignores, but counts, every other kind of audited event", () => {
    const suppressions = data("audit").rule_changes.filter((change) => change.asset_type === "suppression");
    expect(suppressions.length).toBeGreaterThan(0);
    expect(suppressions.every((change) => change.rule_id !== null)).toBe(true);
    expect(snapshot.collectors.audit.warnings.join("\n")).toMatch(
      /^\d+ audit event\(s\) about something other than a detection rule or suppression were ignored$/m,
    );
  });
});
