/**
 * The data formats' identities: each one's id, the packs it goes into, the
 * file its description starts by naming, and the path of the file it
 * writes. The registry test checks them against the folder; this pins
 * them without loading the PDF, HTML and workbook renderers.
 */
import { describe, expect, it } from "vitest";
import { ACTIONS_CSV, format as actionsCsv } from "../../../src/report/formats/actions-csv.js";
import { ACTIONS_JSON, format as actionsJson } from "../../../src/report/formats/actions-json.js";
import { ASSESSMENT_JSON, format as assessmentJson } from "../../../src/report/formats/assessment-json.js";
import { ATTACK_COVERAGE_CSV, format as attackCoverageCsv } from "../../../src/report/formats/attack-coverage-csv.js";
import { ATTACK_LAYER_FILE, format as attackLayer } from "../../../src/report/formats/attack-layer.js";
import { CHANGES_JSON, format as changesJson } from "../../../src/report/formats/changes-json.js";
import { format as controlsCsv } from "../../../src/report/formats/controls-csv.js";
import { GAPS_CSV, format as gapsCsv } from "../../../src/report/formats/gaps-csv.js";
import { OSCAL_FILE, format as oscal } from "../../../src/report/formats/oscal-assessment-results.js";
import { format as populationsCsv } from "../../../src/report/formats/populations-csv.js";
import { SNAPSHOT_JSON, format as snapshotJson } from "../../../src/report/formats/snapshot-json.js";

describe("data formats", () => {
  it.each([
    [actionsCsv, "actions-csv", ["gap"], ACTIONS_CSV, "actions.csv"],
    [actionsJson, "actions-json", ["gap"], ACTIONS_JSON, "actions.json"],
    [assessmentJson, "assessment-json", ["evidence", "gap", "attack"], ASSESSMENT_JSON, "assessment.json"],
    [snapshotJson, "snapshot-json", ["evidence", "gap", "attack"], SNAPSHOT_JSON, "snapshot.json"],
    [changesJson, "changes-json", ["gap"], CHANGES_JSON, "changes.json"],
    [gapsCsv, "gaps-csv", ["gap"], GAPS_CSV, "gaps.csv"],
    [controlsCsv, "controls-csv", ["evidence"], "controls-<framework>.csv", "controls-<framework>.csv"],
    [attackCoverageCsv, "attack-coverage-csv", ["evidence", "attack"], ATTACK_COVERAGE_CSV, "attack-coverage.csv"],
    [attackLayer, "attack-layer", ["evidence", "attack"], ATTACK_LAYER_FILE, "attack-layer.json"],
    [oscal, "oscal-assessment-results", ["evidence"], OSCAL_FILE, "assessment-results.json"],
    [populationsCsv, "populations-csv", ["evidence"], "populations/*.csv", "populations/*.csv"],
  ] as const)("%#: %s", (format, id, kinds, constant, file) => {
    expect(format.id).toBe(id);
    expect(format.kinds).toEqual(kinds);
    expect(constant).toBe(file);
    expect(format.description.startsWith(`${file}: `)).toBe(true);
    // One line with something after the file's name.
    expect(format.description).toMatch(/^[^\n]+: [^\n]{20,}$/);
  });
});
