/**
 * Report inputs for the evidence workbook's links and sheet names: the
 * fixture org of report-input.ts assessed by the real engine against the
 * test catalog under ids of the test's choosing (one framework or several),
 * with a mapping whose evidence names a rule and hosts besides log sources.
 * The shared fixture's mapping references log sources only, and other tests
 * pin its values, so it stays as it is.
 */
import { assess } from "../../../src/assess/index.js";
import { MappingEntry } from "../../../src/assess/mapping-schema.js";
import { FrameworkCatalog } from "../../../src/catalogs/schema.js";
import type { ReportInput } from "../../../src/report/contract.js";
import { ATTACK, FRAMEWORK, SOURCE_MAP } from "../../assess/fixtures/catalogs.js";
import { reportInput } from "../data/fixtures/report-input.js";

/**
 * 1.1 is evidenced by r-valid (the one enabled rule for T1078) and by the
 * fixture's three hosts, all short of an agent version newer than theirs
 * (7.60.0); 2.1 by okta's days, as in the shared fixture.
 */
const MAPPING = {
  "1.1": [
    MappingEntry.parse({
      kind: "detection_rules",
      params: { selector: { techniques: ["T1078"] } },
      rationale: "A rule watches for root logins.",
    }),
    MappingEntry.parse({
      kind: "agent_coverage",
      params: { min_agent_version: "7.61.0", min_share: 1 },
      rationale: "Every host runs a current agent.",
    }),
  ],
  "2.1": [
    MappingEntry.parse({ kind: "log_source", params: { sources: ["okta"] }, rationale: "Identity logs arrive." }),
  ],
};

/** The fixture org assessed against the test catalog once per id, in this order, and ATT&CK. */
export function frameworksInput(ids: readonly string[]): ReportInput {
  const base = reportInput();
  const catalogs = ids.map((id) => FrameworkCatalog.parse({ ...FRAMEWORK, id }));
  const assessment = assess({
    snapshot: base.snapshot,
    catalogs,
    attack: ATTACK,
    mappings: Object.fromEntries(ids.map((id) => [id, MAPPING])),
    sourceMap: SOURCE_MAP,
    attestations: [],
    thresholds: base.thresholds,
    frameworks: [...ids, ATTACK.id],
  });
  return { ...base, catalogs, assessment };
}
