/**
 * attack-coverage.csv, controls-<framework>.csv and gaps.csv of the fixture
 * org, byte for byte: every cell of every row, so a column that reads the
 * wrong field, loses a list or changes its separator cannot pass.
 */
import { describe, expect, it } from "vitest";
import { format as attackCoverageCsvFormat } from "../../../src/report/formats/attack-coverage-csv.js";
import { format as controlsCsvFormat } from "../../../src/report/formats/controls-csv.js";
import { format as gapsCsvFormat } from "../../../src/report/formats/gaps-csv.js";
import { fileText, reportInput } from "./fixtures/report-input.js";

async function rendered(format: typeof gapsCsvFormat) {
  const files = await format.render(reportInput());
  expect(files).toHaveLength(1);
  return { path: files[0]!.path, text: await fileText(files[0]!) };
}

describe("the fixture org's CSV files, byte for byte", () => {
  it("attack-coverage.csv", async () => {
    expect(await rendered(attackCoverageCsvFormat)).toEqual({
      path: "attack-coverage.csv",
      text:
        "technique_id,name,parent,tactics,score,reason_code,reason_label,reason,enabled_rule_ids,enabled_rule_names,effective_rule_ids,effective_rule_names,fired_rule_ids,fired_rule_names,visible_sources,attack_log_sources,disposition\n" +
        'T1059,Command and Scripting Interpreter,,execution,2,source_silent,Source silent,1 enabled rule(s) (r-formula) but none is effective: the log sources they read are not ingesting,r-formula,"\'=HYPERLINK(""http://x"",""y"")",,,,,runtime-security-agent,ebpf:syscalls,\n' +
        'T1078,Valid Accounts,,initial-access,3,covered,Covered,"Covered at score 3: 1 effective rule(s), 0 fired in the period",r-valid,Root login,r-valid,Root login,,,cloudtrail,AWS:CloudTrail,\n' +
        'T1110,Brute Force,,credential-access,4,covered,Covered,"Covered at score 4: 1 effective rule(s), 1 fired in the period",r-brute,Brute force on Windows,r-brute,Brute force on Windows,r-brute,Brute force on Windows,windows.security,WinEventLog:Security,\n' +
        "T1110.001,Password Guessing,T1110,credential-access,0,no_rule,No rule,No enabled rule detects this technique; ingesting sources that can see it: none,,,,,,,,,\n" +
        "T1566,Phishing,,initial-access,0,rule_disabled,Rule disabled,Only disabled rules detect this technique; ingesting sources that can see it: none,,,,,,,,,\n",
    });
  });

  it("controls-test-fw.csv", async () => {
    expect(await rendered(controlsCsvFormat)).toEqual({
      path: "controls-test-fw.csv",
      text:
        "framework,control_id,parent,title,monitoring_relevant,status,status_from,reason,reason_code,reason_label,checks,evidence,evidence_files,attestation_type,attestation_owner,attestation_expires,attestation_state\n" +
        'test-fw,1,,Logging,true,partial,children,"Rolled up from 2 child controls: 1 manual, 1 pass",,,,,,,,,\n' +
        "test-fw,1.1,1,Cloud audit logs arrive,true,pass,own,1 of 1 log sources had data on at least 90% of the 92 days (required 1): cloudtrail 100%,,,log_source,source:cloudtrail;query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z,populations/log-sources.csv,,,,\n" +
        "test-fw,1.2,1,Logs are reviewed,true,manual,own,Needs a person's attestation: no automated evidence covers this,attestation_missing,Attestation missing,manual,,,,,,\n" +
        'test-fw,2,,Policies,false,partial,children,"Rolled up from 2 child controls: 1 partial, 1 manual",,,,,,,,,\n' +
        "test-fw,2.1,2,A policy exists,false,partial,own,Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%,source_silent,Source silent,log_source,source:okta;query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z,populations/log-sources.csv,,,,\n" +
        "test-fw,2.2,2,Not for us,false,manual,own,No automated evidence mapped; needs a person's attestation,attestation_missing,Attestation missing,manual,,,,,,\n" +
        "test-fw,3,,Unmapped,false,fail,own,None of the 1 log sources had data in the period: missing-source no data,source_silent,Source silent,log_source,query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z,,,,,\n",
    });
  });

  it("gaps.csv", async () => {
    expect(await rendered(gapsCsvFormat)).toEqual({
      path: "gaps.csv",
      text:
        "subject,framework,id,title,status,score,reason_code,reason_label,reason,evidence,evidence_files\n" +
        "control,test-fw,3,Unmapped,fail,,source_silent,Source silent,None of the 1 log sources had data in the period: missing-source no data,query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z,\n" +
        "control,test-fw,2.1,A policy exists,partial,,source_silent,Source silent,Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%,source:okta;query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z,populations/log-sources.csv\n" +
        "control,test-fw,1.2,Logs are reviewed,manual,,attestation_missing,Attestation missing,Needs a person's attestation: no automated evidence covers this,,\n" +
        "control,test-fw,2.2,Not for us,manual,,attestation_missing,Attestation missing,No automated evidence mapped; needs a person's attestation,,\n" +
        "technique,mitre-attack,T1110.001,Password Guessing,score 0,0,no_rule,No rule,No enabled rule detects this technique; ingesting sources that can see it: none,,\n" +
        "technique,mitre-attack,T1566,Phishing,score 0,0,rule_disabled,Rule disabled,Only disabled rules detect this technique; ingesting sources that can see it: none,,\n" +
        "technique,mitre-attack,T1059,Command and Scripting Interpreter,score 2,2,source_silent,Source silent,1 enabled rule(s) (r-formula) but none is effective: the log sources they read are not ingesting,rule:r-formula;source:runtime-security-agent,populations/rules.csv;populations/log-sources.csv\n",
    });
  });
});
