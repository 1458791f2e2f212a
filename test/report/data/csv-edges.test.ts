/**
 * The CSV writer and the population tables at their edges: where streamed
 * chunks break (the 1,000-row batch and the chunk size, met exactly), an
 * empty table, blank and space-only population lines, rule changes at the
 * same instant or written in other time zones, days reported outside the
 * period, and which evidence types have a population file.
 */
import { describe, expect, it } from "vitest";
import { fromAgentRule, fromDetectionRule } from "../../../src/assess/security-rules.js";
import { InputError } from "../../../src/errors.js";
import { AGENT_COLUMNS, agentRows } from "../../../src/report/csv/populations/agents.js";
import {
  evidencePopulation,
  POPULATION_INDEX,
  POPULATIONS,
  populationWritten,
} from "../../../src/report/csv/populations/files.js";
import { LOG_SOURCE_COLUMNS, logSourceRows } from "../../../src/report/csv/populations/log-sources.js";
import { RULE_CHANGE_COLUMNS, ruleChangeRows } from "../../../src/report/csv/populations/rule-changes.js";
import {
  agentRuleRows,
  detectionRuleRows,
  RULE_COLUMNS,
  type RuleRow,
} from "../../../src/report/csv/populations/rules.js";
import { SIGNAL_COLUMNS, signalsOfLines } from "../../../src/report/csv/populations/signals.js";
import { CHUNK_CHARS, csvChunks, csvText } from "../../../src/report/csv/write-csv.js";
import { RuleQuery } from "../../../src/snapshot/schema.js";
import { agentRule, buildSnapshot, detectionRule, host, signals } from "../../assess/fixtures/snapshot-builder.js";
import { signalLine } from "./fixtures/report-input.js";

const COLUMNS = [{ header: "n", cell: (row: string) => row }];

async function* rowsOf<T>(rows: readonly T[]): AsyncIterable<T> {
  for (const row of rows) yield row;
}

async function chunksOf(rows: readonly string[], chunkChars?: number): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of csvChunks(COLUMNS, rowsOf(rows), chunkChars)) chunks.push(chunk);
  return chunks;
}

const lineCount = (text: string) => text.split("\n").length - 1;

describe("csvChunks", () => {
  it("aims at chunks of 256 KiB", () => {
    expect(CHUNK_CHARS).toBe(262_144);
  });

  it("writes the header alone for a table without rows", async () => {
    expect(await chunksOf([])).toEqual(["n\n"]);
  });

  it("stringifies a batch of exactly 1,000 rows at a time, and yields no empty chunk at the end", async () => {
    // Every batch is at least one character, so each one is yielded as soon as it is stringified.
    const rows = Array.from({ length: 2001 }, () => "x");
    const chunks = await chunksOf(rows, 1);
    expect(chunks.map(lineCount)).toEqual([1001, 1000, 1]);
    expect(chunks.join("")).toBe(csvText(COLUMNS, rows));
    // A table that ends on a batch just yielded ends there: no trailing empty chunk.
    const even = await chunksOf(rows.slice(0, 1000), 1);
    expect(even).toEqual([csvText(COLUMNS, rows.slice(0, 1000))]);
  });

  it("yields a chunk once it reaches the chunk size exactly", async () => {
    // The header and 1,000 rows of "x" are 2 + 2,000 characters.
    const rows = Array.from({ length: 1001 }, () => "x");
    const chunks = await chunksOf(rows, 2002);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2002, 2]);
    expect(chunks.join("")).toBe(csvText(COLUMNS, rows));
    // One character short of the size, the first batch waits for the rest.
    expect((await chunksOf(rows, 2003)).map((chunk) => chunk.length)).toEqual([2004]);
  });
});

describe("signal population lines", () => {
  async function read(lines: readonly string[]) {
    const signals = [];
    for await (const signal of signalsOfLines(rowsOf(lines), "signals.jsonl")) signals.push(signal);
    return signals;
  }

  it("skips blank and space-only lines but counts them in line numbers", async () => {
    expect((await read(["", "   ", signalLine(1), "\t"])).map((signal) => signal.id)).toEqual(["sig-1"]);
    const error = await read(["", "  ", "{}"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^signals\.jsonl: line 3: id: /);
    const notJson = await read(["{not json"]).catch((caught: unknown) => caught);
    expect((notJson as Error).message).toMatch(
      /^signals\.jsonl: line 1: \(top level\): not valid JSON \(.+\); expected one JSON signal per line$/,
    );
  });

  it("keeps null rule, name and triage time as empty cells", async () => {
    const [signal] = await read([signalLine(7, { rule_id: null, rule_name: null, triage_updated_at: null, tags: [] })]);
    expect(csvText(SIGNAL_COLUMNS, [signal!])).toBe(
      "id,timestamp,severity,rule_id,rule_name,triage_state,triage_updated_at,tags\n" +
        "sig-7,2026-09-01T00:00:07.000Z,high,,,archived,,\n",
    );
  });
});

describe("population tables", () => {
  it("orders rule changes by instant, whatever the offset they are written in, then by id", () => {
    const change = (id: string, timestamp: string) => ({
      id,
      timestamp,
      action: "modified",
      asset_type: "security_rule" as const,
      rule_id: "r",
      rule_name: "R",
      user: null,
    });
    const snapshot = buildSnapshot({
      audit: {
        rule_changes: [
          change("c-3", "2026-08-01T09:00:00Z"),
          change("c-2", "2026-08-01T10:00:00+02:00"),
          change("c-1", "2026-08-01T09:00:00Z"),
        ],
      },
    });
    expect(ruleChangeRows(snapshot)!.map((row) => row.id)).toEqual(["c-2", "c-1", "c-3"]);
    expect(csvText(RULE_CHANGE_COLUMNS, ruleChangeRows(snapshot)!.slice(0, 1))).toBe(
      "timestamp,action,rule_id,rule_name,user,change_id\n2026-08-01T10:00:00+02:00,modified,r,R,,c-2\n",
    );
    expect(ruleChangeRows(buildSnapshot({ audit: "error" }))).toBeNull();
  });

  it("lists hosts by name, and nothing when the agents collector failed", () => {
    const snapshot = buildSnapshot({ agents: { hosts: [host("b"), host("a", { minutesAgo: null })] } });
    const rows = agentRows(snapshot)!;
    expect(rows.map((row) => row.hostname)).toEqual(["a", "b"]);
    expect(csvText(AGENT_COLUMNS, rows).split("\n").slice(0, 2)).toEqual([
      "hostname,agent_version,has_security_agent,cws_enabled,cspm_enabled,last_reported_at",
      "a,7.60.0,true,true,true,",
    ]);
    expect(agentRows(buildSnapshot({ agents: "error" }))).toBeNull();
  });

  it("keeps a day reported outside the period, in date order", () => {
    const snapshot = buildSnapshot({
      log_sources: {
        period_days: 92,
        sources: [
          {
            source: "late",
            days: [
              { date: "2026-10-01", count: 4 },
              { date: "2026-07-02", count: 3 },
            ],
            total: 7,
            last_seen: "2026-10-01T00:00:00Z",
          },
          {
            source: "early",
            days: [{ date: "2026-06-30", count: 2 }],
            total: 2,
            last_seen: "2026-06-30T00:00:00Z",
          },
        ],
      },
    });
    const all = logSourceRows(snapshot)!;
    // Sources by name; each source's days in date order, days outside the period included.
    expect(all.map((row) => row.volume.source).filter((source, i, list) => list.indexOf(source) === i)).toEqual([
      "early",
      "late",
    ]);
    expect(all.slice(0, 2).map((row) => [row.volume.source, row.date, row.count])).toEqual([
      ["early", "2026-06-30", 2],
      ["early", "2026-07-01", 0],
    ]);
    const rows = all.filter((row) => row.volume.source === "late");
    expect(rows).toHaveLength(93);
    expect(rows.slice(0, 2).map((row) => [row.date, row.count])).toEqual([
      ["2026-07-01", 0],
      ["2026-07-02", 3],
    ]);
    expect(rows.at(-1)).toMatchObject({ date: "2026-10-01", count: 4, ingesting: true });
    expect(csvText(LOG_SOURCE_COLUMNS, rows.slice(1, 2))).toBe(
      "source,date,count,source_total,source_last_seen,ingesting\nlate,2026-07-02,3,7,2026-10-01T00:00:00Z,true\n",
    );
    expect(logSourceRows(buildSnapshot({ log_sources: "error" }))).toBeNull();
  });

  it("writes every column of a detection rule's row, and an agent rule's detection columns empty", () => {
    const rule = detectionRule({
      id: "d1",
      name: "Two cases",
      tags: ["a:1", "b:2"],
      cases: [
        { name: null, severity: "high", notifications: ["@ops", "@sec"], condition: "a > 0" },
        { name: null, severity: "high", notifications: ["@ops"], condition: "a > 5" },
        { name: null, severity: "critical", notifications: [], condition: "a > 9" },
      ],
      queries: [
        RuleQuery.parse({ query: "source:okta", data_source: "logs", name: "a" }),
        RuleQuery.parse({ query: "source:cloudtrail", data_source: "logs", name: "b" }),
      ],
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-02-01T00:00:00Z",
      unparsed: true,
    });
    const row: RuleRow = { rule: fromDetectionRule(rule), detection: rule, agent: null };
    const records = csvText(RULE_COLUMNS, [row]);
    expect(records).toBe(
      "id,name,origin,type,enabled,is_default,tags,log_sources,log_sources_from,queries,severities,notifications," +
        "deprecated,beta,default_rule_id,detection_method,evaluation_window_s,keep_alive_s,max_signal_duration_s," +
        "chained_rules,expression,created_at,updated_at,unparsed\n" +
        'd1,Two cases,detection_rule,log_detection,true,true,a:1;b:2,cloudtrail;okta,query,"source:okta\nsource:cloudtrail",' +
        "high;critical,'@ops;@sec,false,false,,,,,,,,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,true\n",
    );
    const agent = agentRule({ id: "a1", product_tags: [] });
    const agentRow: RuleRow = { rule: fromAgentRule(agent), detection: null, agent };
    const cells = Object.fromEntries(RULE_COLUMNS.map((column) => [column.header, column.cell(agentRow)]));
    expect(cells).toMatchObject({
      detection_method: null,
      evaluation_window_s: null,
      created_at: null,
      updated_at: null,
      unparsed: false,
      expression: 'exec.file.name == "nc"',
    });
  });

  it("says a rule's log sources are unknown when its queries name none", () => {
    const agent = agentRule({ id: "a1" });
    const row: RuleRow = { rule: fromAgentRule(agent), detection: null, agent };
    const cells = Object.fromEntries(RULE_COLUMNS.map((column) => [column.header, column.cell(row)]));
    expect([cells.log_sources, cells.log_sources_from]).toEqual(["", "unknown"]);
  });

  it("names the rules a correlation rule chains, by id or as a default rule", () => {
    const rule = detectionRule({
      id: "c1",
      type: "signal_correlation",
      queries: [
        RuleQuery.parse({ query: "", data_source: null, name: "a", chained_rule_id: "gl8-lry-akp" }),
        RuleQuery.parse({ query: "", data_source: null, name: "b", chained_default_rule_id: "tz1-6vg-1yz" }),
        RuleQuery.parse({ query: "", data_source: null, name: "c" }),
      ],
    });
    const row: RuleRow = { rule: fromDetectionRule(rule), detection: rule, agent: null };
    expect(RULE_COLUMNS.find((column) => column.header === "chained_rules")!.cell(row)).toBe(
      "gl8-lry-akp;default:tz1-6vg-1yz",
    );
  });

  it("lists detection rules and agent rules by id, and nothing for a failed part", () => {
    const snapshot = buildSnapshot({
      rules: { rules: [detectionRule({ id: "r-b" }), detectionRule({ id: "r-a" })] },
      agent_rules: { agent_rules: [agentRule({ id: "a-b" }), agentRule({ id: "a-a" })] },
    });
    expect(detectionRuleRows(snapshot)!.map((row) => row.rule.id)).toEqual(["r-a", "r-b"]);
    expect(agentRuleRows(snapshot)!.map((row) => row.rule.id)).toEqual(["a-a", "a-b"]);
    const failed = buildSnapshot({ rules: "error", agent_rules: "error" });
    expect([detectionRuleRows(failed), agentRuleRows(failed)]).toEqual([null, null]);
  });

  it("names the population files and the collector parts each is made from", () => {
    expect(POPULATIONS).toEqual({
      rules: { path: "populations/rules.csv", parts: ["rules", "agent_rules"] },
      agents: { path: "populations/agents.csv", parts: ["agents"] },
      logSources: { path: "populations/log-sources.csv", parts: ["log_sources"] },
      ruleChanges: { path: "populations/rule-changes.csv", parts: ["audit"] },
      signals: { path: "populations/signals.csv", parts: ["signals"] },
    });
    expect(POPULATION_INDEX).toBe("populations/index.csv");
  });

  it("says which evidence types have a population file in this pack", () => {
    const snapshot = buildSnapshot({ rules: "error", signals: signals({ population_file: null }) });
    // Agent rules alone still make rules.csv.
    expect(evidencePopulation("rule", snapshot)).toBe("populations/rules.csv");
    expect(evidencePopulation("host", snapshot)).toBe("populations/agents.csv");
    expect(evidencePopulation("source", snapshot)).toBe("populations/log-sources.csv");
    expect(evidencePopulation("signals", snapshot)).toBeNull();
    expect(evidencePopulation("index", snapshot)).toBeNull();
    expect(evidencePopulation("attestation", snapshot)).toBeNull();
    const withFile = buildSnapshot({ signals: signals({ population_file: "signals.jsonl" }) });
    expect(evidencePopulation("signals", withFile)).toBe("populations/signals.csv");
    expect(populationWritten(POPULATIONS.signals, buildSnapshot({ signals: "error" }))).toBe(false);
    expect(populationWritten(POPULATIONS.rules, buildSnapshot({ rules: "error", agent_rules: "error" }))).toBe(false);
    expect(populationWritten(POPULATIONS.ruleChanges, buildSnapshot({ audit: "error" }))).toBe(false);
  });
});
