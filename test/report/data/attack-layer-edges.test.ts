/**
 * attack-layer.json at its edges: several rules at each rung and several
 * sources named comma separated, incomplete evidence with several failed
 * collectors or with none that ATT&CK reads, versions given in any order,
 * and a platform filter made only of the assessed techniques' platforms.
 */
import { describe, expect, it } from "vitest";
import { buildAttackLayer, versionMetadata } from "../../../src/report/formats/attack-layer.js";
import { ATTACK } from "../../assess/fixtures/catalogs.js";
import { reportInput } from "./fixtures/report-input.js";

describe("attack-layer.json edges", () => {
  it("names several rules at each rung and several sources, comma separated", () => {
    const input = reportInput();
    const assessment = structuredClone(input.assessment);
    const bruteForce = assessment.attack!.techniques.find((technique) => technique.id === "T1110")!;
    const both = ["r-brute", "r-valid"];
    bruteForce.rules = { ...bruteForce.rules, enabled: both, effective: both, fired: both };
    bruteForce.visibility = {
      sources: ["cloudtrail", "windows.security"],
      log_sources: ["AWS:CloudTrail", "WinEventLog:Security"],
    };
    const entry = buildAttackLayer({ ...input, assessment })!.techniques.find(
      (candidate) => candidate.techniqueID === "T1110",
    )!;
    const named = "Brute force on Windows (r-brute), Root login (r-valid)";
    expect(entry.metadata).toEqual([
      { name: "Reason", value: "Covered" },
      { name: "Enabled rules", value: named },
      { name: "Effective rules", value: named },
      { name: "Fired rules", value: named },
      { name: "Visible sources", value: "cloudtrail, windows.security" },
      { name: "ATT&CK log sources", value: "AWS:CloudTrail, WinEventLog:Security" },
    ]);
    expect(entry.comment).toBe(
      "Validated (score 4): Covered at score 4: 2 effective rule(s), 2 fired in the period. " +
        `Enabled: ${named}. Effective: ${named}. Fired: ${named}.`,
    );
  });

  it("names every failed collector ATT&CK reads, comma separated", () => {
    const layer = buildAttackLayer(reportInput({ parts: { agents: "error", signals: "error" } }))!;
    expect(layer.metadata.find((entry) => entry.name === "Evidence complete")!.value).toBe("no: agents, signals");
  });

  it("points at the snapshot's warnings when the collector that failed is not one ATT&CK reads", () => {
    const input = reportInput({ parts: { audit: "error" } });
    expect(input.assessment.complete).toBe(false);
    expect(input.assessment.attack!.missing_evidence).toEqual([]);
    const layer = buildAttackLayer(input)!;
    expect(layer.metadata.find((entry) => entry.name === "Evidence complete")!.value).toBe("no: see snapshot warnings");
  });

  it("lists versions by name whatever order they are given in", () => {
    expect(versionMetadata({ zz: "2", ddproof: "0.1.0", aa: "1" })).toEqual([
      { name: "Version: aa", value: "1" },
      { name: "Version: ddproof", value: "0.1.0" },
      { name: "Version: zz", value: "2" },
    ]);
  });

  it("filters on the platforms of the assessed techniques only, each once and sorted", () => {
    const attack = {
      ...ATTACK,
      techniques: ATTACK.techniques.map((technique) => {
        // T1000 is revoked, so not assessed: its platform stays out of the filter.
        if (technique.id === "T1000") return { ...technique, platforms: ["macOS"] };
        if (technique.id === "T1059") return { ...technique, platforms: ["Linux", "Containers"] };
        return technique;
      }),
    };
    expect(buildAttackLayer({ ...reportInput(), attack })!.filters).toEqual({
      platforms: ["Containers", "IaaS", "Linux", "Windows"],
    });
  });
});
