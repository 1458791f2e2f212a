import { describe, expect, it } from "vitest";
import { assess } from "../../src/assess/index.js";
import { MappingEntry } from "../../src/assess/mapping-schema.js";
import { summaryLines } from "../../src/assess/summary-text.js";
import { Thresholds } from "../../src/config/schema.js";
import { ATTACK, FRAMEWORK, SOURCE_MAP } from "./fixtures/catalogs.js";
import { buildSnapshot, lastDays, logSources, sourceVolume } from "./fixtures/snapshot-builder.js";

describe("terminal summary", () => {
  it("shows counts, the worst controls with their reason, and ATT&CK scores per tactic in matrix order", () => {
    const assessment = assess({
      snapshot: buildSnapshot({ signals: "error" }),
      catalogs: [FRAMEWORK],
      attack: ATTACK,
      mappings: {
        "test-fw": {
          "1.1": [
            MappingEntry.parse({ kind: "log_source", params: { sources: ["cloudtrail"] }, rationale: "Logs arrive." }),
          ],
        },
      },
      sourceMap: SOURCE_MAP,
      attestations: [],
      thresholds: Thresholds.parse({}),
      frameworks: ["test-fw", "mitre-attack"],
    });
    const lines = summaryLines(assessment, ["initial-access", "execution", "credential-access"]);
    expect(lines).toEqual([
      "Assessment for 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z), collected 2026-10-01T06:00:00Z",
      "Incomplete evidence: controls that need it are unknown.",
      "  signals: collector failed: signals request failed with HTTP 500",
      "",
      "Test framework 1.0: 7 controls: pass 0, partial 0, fail 2, unknown 0, manual 5, accepted 0, n/a 0",
      "  Worst controls:",
      "    fail     1.1  None of the 1 log sources had data in the period: cloudtrail no data",
      "",
      "MITRE ATT&CK 18.1: 4 techniques; below 3 is a gap",
      "  tactic                0   1   2   3   4   5",
      "  initial-access        2   0   0   0   0   0",
      "  execution             1   0   0   0   0   0",
      "  credential-access     1   0   0   0   0   0",
      "  scores are lower bounds: signals evidence missing",
    ]);
  });

  it("explains a partial control made of a pass and a manual check by its mix", () => {
    const assessment = assess({
      snapshot: buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))) }),
      catalogs: [FRAMEWORK],
      attack: null,
      mappings: {
        "test-fw": {
          "1.1": [
            MappingEntry.parse({ kind: "log_source", params: { sources: ["cloudtrail"] }, rationale: "Logs arrive." }),
            MappingEntry.parse({ kind: "manual", rationale: "Attest the rest." }),
          ],
        },
      },
      sourceMap: SOURCE_MAP,
      attestations: [],
      thresholds: Thresholds.parse({}),
      frameworks: ["test-fw"],
    });
    expect(summaryLines(assessment)).toContain("    partial  1.1  checks: 1 pass, 1 manual");
  });
});
