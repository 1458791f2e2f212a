import { describe, expect, it } from "vitest";
import { format as attackCoverageCsvFormat } from "../../../src/report/formats/attack-coverage-csv.js";
import { format as controlsCsvFormat, fileSafeId } from "../../../src/report/formats/controls-csv.js";
import { format as gapsCsvFormat } from "../../../src/report/formats/gaps-csv.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { csvHeader, csvRecords } from "./fixtures/parse-csv.js";
import { fileText, reportInput } from "./fixtures/report-input.js";

async function only(format: { render: typeof controlsCsvFormat.render }, input = reportInput()) {
  const files = await format.render(input);
  expect(files).toHaveLength(1);
  return { path: files[0]!.path, text: await fileText(files[0]!) };
}

describe("controls-<framework>.csv", () => {
  it("has one row per control in catalog order with the documented columns", async () => {
    const { path, text } = await only(controlsCsvFormat);
    expect(path).toBe("controls-test-fw.csv");
    expect(csvHeader(text)).toEqual([
      "framework",
      "control_id",
      "parent",
      "title",
      "monitoring_relevant",
      "status",
      "status_from",
      "reason",
      "reason_code",
      "reason_label",
      "checks",
      "evidence",
      "evidence_files",
      "attestation_type",
      "attestation_owner",
      "attestation_expires",
      "attestation_state",
    ]);
    const rows = csvRecords(text);
    expect(rows.map((row) => `${row.control_id}:${row.status}`)).toEqual([
      "1:partial",
      "1.1:pass",
      "1.2:manual",
      "2:partial",
      "2.1:partial",
      "2.2:manual",
      "3:fail",
    ]);
    expect(rows[4]).toMatchObject({
      framework: "test-fw",
      parent: "2",
      status_from: "own",
      reason_code: "source_silent",
      reason_label: "Source silent",
      checks: "log_source",
      evidence: "source:okta;query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z",
      evidence_files: "populations/log-sources.csv",
    });
  });

  it("explains a parent by its children and an attested control by its attestation", async () => {
    const input = reportInput({
      attestations: [attestation("test-fw", "3", "risk_acceptance", "2026-09-01", "2026-12-31")],
    });
    const rows = csvRecords((await only(controlsCsvFormat, input)).text);
    expect(rows[0]).toMatchObject({
      control_id: "1",
      reason: "Rolled up from 2 child controls: 1 manual, 1 pass",
      reason_code: "",
      checks: "",
    });
    expect(rows[6]).toMatchObject({
      control_id: "3",
      status: "accepted",
      status_from: "attestation",
      reason: "Risk accepted by jane@example.com on 2026-09-01, valid until 2026-12-31: Reviewed in the Q3 audit",
      attestation_type: "risk_acceptance",
      attestation_owner: "jane@example.com",
      attestation_expires: "2026-12-31",
      attestation_state: "active",
    });
    expect(rows[6]!.evidence).toContain("attestation:https://wiki.example.com/q3");
  });

  it.each([
    ["pci-dss-4.0.1", "pci-dss-4.0.1"],
    ["../etc/passwd", "..-etc-passwd"],
    ["a\\b c", "a-b-c"],
    ["SOC2_2017", "soc2-2017"],
  ])("makes %j a safe file name part (%j)", (id, safe) => {
    expect(fileSafeId(id)).toBe(safe);
    expect(fileSafeId(id)).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe("attack-coverage.csv", () => {
  it("lists every current technique with rules by id and name", async () => {
    const { path, text } = await only(attackCoverageCsvFormat);
    expect(path).toBe("attack-coverage.csv");
    expect(csvHeader(text)).toEqual([
      "technique_id",
      "name",
      "parent",
      "tactics",
      "score",
      "reason_code",
      "reason_label",
      "reason",
      "enabled_rule_ids",
      "enabled_rule_names",
      "effective_rule_ids",
      "effective_rule_names",
      "fired_rule_ids",
      "fired_rule_names",
      "visible_sources",
      "attack_log_sources",
      "disposition",
    ]);
    const rows = csvRecords(text);
    expect(rows.map((row) => `${row.technique_id}=${row.score}`)).toEqual([
      "T1059=2",
      "T1078=3",
      "T1110=4",
      "T1110.001=0",
      "T1566=0",
    ]);
    expect(rows[2]).toMatchObject({
      name: "Brute Force",
      tactics: "credential-access",
      reason_code: "covered",
      fired_rule_ids: "r-brute",
      fired_rule_names: "Brute force on Windows",
      visible_sources: "windows.security",
      attack_log_sources: "WinEventLog:Security",
      disposition: "",
    });
    expect(rows[3]).toMatchObject({ parent: "T1110", reason_label: "No rule" });
    // The rule named like a formula is neutralised.
    expect(rows[0]!.enabled_rule_names).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it("writes nothing when ATT&CK was not assessed", async () => {
    expect(await attackCoverageCsvFormat.render(reportInput({ frameworks: ["test-fw"] }))).toEqual([]);
  });
});

describe("gaps.csv", () => {
  it("lists every gap with its typed reason and label", async () => {
    const { path, text } = await only(gapsCsvFormat);
    expect(path).toBe("gaps.csv");
    expect(csvHeader(text)).toEqual([
      "subject",
      "framework",
      "id",
      "title",
      "status",
      "score",
      "reason_code",
      "reason_label",
      "reason",
      "evidence",
      "evidence_files",
    ]);
    const rows = csvRecords(text);
    expect(rows.map((row) => `${row.id}:${row.reason_code}`)).toEqual([
      "3:source_silent",
      "2.1:source_silent",
      "1.2:attestation_missing",
      "2.2:attestation_missing",
      "T1110.001:no_rule",
      "T1566:rule_disabled",
      "T1059:source_silent",
    ]);
    expect(rows[6]).toMatchObject({
      subject: "technique",
      framework: "mitre-attack",
      status: "score 2",
      score: "2",
      reason_label: "Source silent",
      evidence: "rule:r-formula;source:runtime-security-agent",
      evidence_files: "populations/rules.csv;populations/log-sources.csv",
    });
    expect(rows[0]).toMatchObject({ score: "", reason_label: "Source silent" });
  });
});
