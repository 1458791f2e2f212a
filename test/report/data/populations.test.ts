import { describe, expect, it } from "vitest";
import { fromDetectionRule } from "../../../src/assess/security-rules.js";
import { InputError } from "../../../src/errors.js";
import type { RenderedFile } from "../../../src/report/contract.js";
import { RULE_COLUMNS, type RuleRow } from "../../../src/report/csv/populations/rules.js";
import { listCell } from "../../../src/report/csv/write-csv.js";
import { format as populationsCsvFormat } from "../../../src/report/formats/populations-csv.js";
import { RuleQuery } from "../../../src/snapshot/schema.js";
import { detectionRule } from "../../assess/fixtures/snapshot-builder.js";
import { csvHeader, csvRecords } from "./fixtures/parse-csv.js";
import {
  type FixtureOptions,
  FORMULA_NAME,
  fileText,
  reportInput,
  SIGNALS_FILE,
  signalLine,
} from "./fixtures/report-input.js";

async function render(options: FixtureOptions = {}): Promise<Map<string, RenderedFile>> {
  const files = await populationsCsvFormat.render(reportInput(options));
  return new Map(files.map((file) => [file.path, file]));
}

async function records(files: Map<string, RenderedFile>, path: string) {
  const file = files.get(path);
  if (file === undefined) throw new Error(`${path} was not rendered`);
  return csvRecords(await fileText(file));
}

describe("populations", () => {
  it("writes every population and an index of them", async () => {
    const files = await render();
    expect([...files.keys()]).toEqual([
      "populations/rules.csv",
      "populations/agents.csv",
      "populations/log-sources.csv",
      "populations/rule-changes.csv",
      "populations/signals.csv",
      "populations/index.csv",
    ]);
    expect(await records(files, "populations/index.csv")).toEqual([
      { file: "populations/rules.csv", collector: "rules", rows: "4", status: "written", note: "" },
      { file: "populations/rules.csv", collector: "agent_rules", rows: "1", status: "written", note: "" },
      { file: "populations/agents.csv", collector: "agents", rows: "3", status: "written", note: "" },
      { file: "populations/log-sources.csv", collector: "log_sources", rows: "276", status: "written", note: "" },
      { file: "populations/rule-changes.csv", collector: "audit", rows: "2", status: "written", note: "" },
      { file: "populations/signals.csv", collector: "signals", rows: "5", status: "written", note: "" },
    ]);
  });

  it("rules.csv holds detection and agent rules, with the formula-like name neutralised", async () => {
    const files = await render();
    const text = await fileText(files.get("populations/rules.csv")!);
    expect(csvHeader(text)).toEqual([
      "id",
      "name",
      "origin",
      "type",
      "enabled",
      "is_default",
      "tags",
      "log_sources",
      "log_sources_from",
      "queries",
      "severities",
      "notifications",
      "deprecated",
      "beta",
      "default_rule_id",
      "detection_method",
      "evaluation_window_s",
      "keep_alive_s",
      "max_signal_duration_s",
      "chained_rules",
      "expression",
      "created_at",
      "updated_at",
      "unparsed",
    ]);
    const rows = csvRecords(text);
    expect(rows.map((row) => row.id)).toEqual(["r-brute", "r-formula", "r-phish", "r-valid", "a-nc"]);
    expect(rows[1]).toMatchObject({
      name: `'${FORMULA_NAME}`,
      origin: "detection_rule",
      enabled: "true",
      log_sources: "silent-src",
      log_sources_from: "query",
    });
    expect(rows[4]).toMatchObject({
      origin: "agent_rule",
      type: "workload_security",
      enabled: "false",
      expression: 'exec.file.name == "nc"',
      is_default: "",
    });
    expect(rows[0]).toMatchObject({ deprecated: "false", beta: "false", chained_rules: "" });
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("agents.csv and rule-changes.csv list hosts and changes", async () => {
    const files = await render();
    const agents = await records(files, "populations/agents.csv");
    expect(agents.map((host) => host.hostname)).toEqual(["web-1", "web-2", "web-3"]);
    expect(agents[0]).toEqual({
      hostname: "web-1",
      agent_version: "7.60.0",
      has_security_agent: "true",
      cws_enabled: "true",
      cspm_enabled: "true",
      last_reported_at: "2026-10-01T05:55:00.000Z",
    });
    const changes = await records(files, "populations/rule-changes.csv");
    expect(changes.map((change) => `${change.timestamp} ${change.action} ${change.rule_id}`)).toEqual([
      "2026-08-01T09:00:00Z created r-formula",
      "2026-09-02T10:00:00Z disabled r-phish",
    ]);
    expect(changes[0]).toMatchObject({ user: "'-mallory", rule_name: `'${FORMULA_NAME}` });
  });

  it("log-sources.csv has one row per source per day of the period, zeros included", async () => {
    const rows = await records(await render(), "populations/log-sources.csv");
    expect(rows).toHaveLength(3 * 92);
    const okta = rows.filter((row) => row.source === "okta");
    expect(okta).toHaveLength(92);
    expect(okta[0]).toEqual({
      source: "okta",
      date: "2026-07-01",
      count: "7",
      source_total: "70",
      source_last_seen: "2026-07-10T00:00:00Z",
      ingesting: "false",
    });
    expect(okta[10]).toMatchObject({ date: "2026-07-11", count: "0" });
    expect(rows.find((row) => row.source === "cloudtrail")).toMatchObject({ count: "100", ingesting: "true" });
  });

  it("signals.csv streams the population file, neutralising cells", async () => {
    const rows = await records(await render(), "populations/signals.csv");
    expect(rows).toEqual([
      {
        id: "sig-1",
        timestamp: "2026-09-01T00:00:01.000Z",
        severity: "high",
        rule_id: "r-brute",
        rule_name: "Brute force on Windows",
        triage_state: "archived",
        triage_updated_at: "",
        tags: "source:windows;env:prod",
      },
      expect.objectContaining({
        id: "sig-2",
        rule_name: `'${FORMULA_NAME}`,
        severity: "critical",
        triage_state: "open",
      }),
    ]);
  });

  it("omits the files of failed collectors and says so in the index", async () => {
    const files = await render({ parts: { rules: "error", agents: "error", signals: "error" } });
    expect([...files.keys()]).toEqual([
      "populations/rules.csv",
      "populations/log-sources.csv",
      "populations/rule-changes.csv",
      "populations/index.csv",
    ]);
    expect((await records(files, "populations/rules.csv")).map((row) => row.id)).toEqual(["a-nc"]);
    const index = await records(files, "populations/index.csv");
    expect(index.filter((row) => row.status === "omitted")).toEqual([
      {
        file: "populations/rules.csv",
        collector: "rules",
        rows: "",
        status: "omitted",
        note: "collector failed: rules request failed with HTTP 500",
      },
      {
        file: "populations/agents.csv",
        collector: "agents",
        rows: "",
        status: "omitted",
        note: "collector failed: agents request failed with HTTP 500",
      },
      {
        file: "populations/signals.csv",
        collector: "signals",
        rows: "",
        status: "omitted",
        note: "collector failed: signals request failed with HTTP 500",
      },
    ]);
  });

  it("omits signals.csv when the population file is not beside the snapshot", async () => {
    const files = await render({ populations: {} });
    expect(files.has("populations/signals.csv")).toBe(false);
    expect((await records(files, "populations/index.csv")).at(-1)).toMatchObject({
      status: "omitted",
      note: "the signal population file signals.jsonl was not found beside the snapshot",
    });
  });

  it("stops with the file and line of a population line that is not a signal", async () => {
    const files = await render({ populations: { [SIGNALS_FILE]: [signalLine(1), "", "{not json", signalLine(3)] } });
    await expect(fileText(files.get("populations/signals.csv")!)).rejects.toThrow(InputError);
    await expect(fileText(files.get("populations/signals.csv")!)).rejects.toThrow(
      /^signals\.jsonl: line 3: \(top level\): not valid JSON \(.+\); expected one JSON signal per line$/,
    );
    const missingField = await render({ populations: { [SIGNALS_FILE]: [JSON.stringify({ id: "x" })] } });
    await expect(fileText(missingField.get("populations/signals.csv")!)).rejects.toThrow(
      /^signals\.jsonl: line 1: timestamp: /,
    );
  });
});

describe("rules.csv columns for what real rules carry", () => {
  const cell = (header: string, row: RuleRow) => RULE_COLUMNS.find((column) => column.header === header)!.cell(row);
  const rule = detectionRule({
    id: "c1",
    type: "signal_correlation",
    is_deprecated: true,
    is_beta: true,
    default_rule_id: "def-1",
    options: {
      detection_method: "threshold",
      evaluation_window_s: 900,
      keep_alive_s: 3600,
      max_signal_duration_s: 86400,
    },
    queries: [
      RuleQuery.parse({
        query: "",
        data_source: null,
        name: "a",
        chained_rule_id: "gl8-lry-akp",
        correlated_by: ["host"],
      }),
      RuleQuery.parse({ query: "", data_source: null, name: "b", chained_default_rule_id: "tz1-6vg-1yz" }),
    ],
  });
  const row: RuleRow = { rule: fromDetectionRule(rule), detection: rule, agent: null };

  it("names deprecated and beta rules, the options and the rules a correlation rule chains", () => {
    expect(cell("deprecated", row)).toBe(true);
    expect(cell("beta", row)).toBe(true);
    expect(cell("default_rule_id", row)).toBe("def-1");
    expect([
      cell("detection_method", row),
      cell("evaluation_window_s", row),
      cell("keep_alive_s", row),
      cell("max_signal_duration_s", row),
    ]).toEqual(["threshold", 900, 3600, 86400]);
    expect(cell("chained_rules", row)).toBe(listCell(["gl8-lry-akp", "default:tz1-6vg-1yz"]));
  });
});
