/**
 * What OSCAL findings point at: ddproof tokens for a catalog without OSCAL
 * ids, and for one imported from OSCAL its own control ids (group rows left
 * out of the reviewed controls, and given tokens), each control's objective
 * when it has one. And the rule names outputs show beside rule ids.
 */
import { describe, expect, it } from "vitest";
import type { ControlResult, FrameworkResult } from "../../../src/assess/schema.js";
import type { FrameworkCatalog } from "../../../src/catalogs/schema.js";
import { oscalTargets } from "../../../src/report/oscal-targets.js";
import { ruleNamer } from "../../../src/report/rule-names.js";
import { agentRule, buildSnapshot, detectionRule } from "../../assess/fixtures/snapshot-builder.js";

const ROWS = [
  { id: "ac", kind: "group", attributes: { oscal_objective: "ac_obj" } },
  { id: "ac-2", kind: "control", attributes: { oscal_objective: "ac-2_obj" } },
  { id: "ac-2.1", kind: "enhancement" },
  { id: "ac-3", kind: "control", attributes: { oscal_objective: 7 } },
  { id: "ac-4", kind: "control" },
];

const result = {
  id: "nist-x",
  controls: [...ROWS.map((row) => ({ id: row.id }) as ControlResult), { id: "zz.9" } as ControlResult],
} as FrameworkResult;

function catalog(oscal: FrameworkCatalog["oscal"]): FrameworkCatalog {
  return { id: "nist-x", controls: ROWS, ...(oscal === undefined ? {} : { oscal }) } as unknown as FrameworkCatalog;
}

describe("oscalTargets", () => {
  it("names every row by a ddproof token when there is no catalog or it was not imported from OSCAL", () => {
    for (const targets of [oscalTargets(result, undefined), oscalTargets(result, catalog(undefined))]) {
      expect(targets.reviewedControls).toEqual([
        "nist-x_ac",
        "nist-x_ac-2",
        "nist-x_ac-2.1",
        "nist-x_ac-3",
        "nist-x_ac-4",
        "nist-x_zz.9",
      ]);
      expect(targets.targetOf("ac-2")).toBe("nist-x_ac-2");
    }
  });

  it("reviews an imported catalog's controls by their own ids, and targets each one's objective when it has one", () => {
    const targets = oscalTargets(result, catalog({ catalog_uuid: "u", control_kinds: ["control", "enhancement"] }));
    expect(targets.reviewedControls).toEqual(["ac-2", "ac-2.1", "ac-3", "ac-4"]);
    expect(["ac", "ac-2", "ac-2.1", "ac-3", "ac-4", "zz.9"].map((id) => targets.targetOf(id))).toEqual([
      "nist-x_ac",
      "ac-2_obj",
      "ac-2.1",
      "ac-3",
      "ac-4",
      "nist-x_zz.9",
    ]);
  });
});

describe("ruleNamer", () => {
  it("names detection and agent rules by id, and shows an unknown id as itself", () => {
    const snapshot = buildSnapshot({
      rules: { rules: [detectionRule({ id: "r-1", name: "Brute force" })] },
      agent_rules: { agent_rules: [agentRule({ id: "a-1", name: "Netcat executed" })] },
    });
    const name = ruleNamer(snapshot);
    expect([name("r-1"), name("a-1"), name("r-404")]).toEqual(["Brute force", "Netcat executed", "r-404"]);
  });
});
