/**
 * The fleet formats on a small fleet: the CSVs' per-org columns (blank where
 * an org has no say, cells neutralised), the Navigator layer's weakest-org
 * scores with every org's in the metadata, and the OSCAL results naming
 * each org as a party and the subject of its observations.
 */
import { describe, expect, it } from "vitest";
import { combineOrgPacks } from "../../src/fleet/combine.js";
import type { FleetReportInput } from "../../src/fleet/contract.js";
import { format as fleetActionsCsv } from "../../src/fleet/formats/fleet-actions-csv.js";
import { format as fleetAttackCoverageCsv } from "../../src/fleet/formats/fleet-attack-coverage-csv.js";
import { buildFleetAttackLayer } from "../../src/fleet/formats/fleet-attack-layer.js";
import { format as fleetControlsCsv } from "../../src/fleet/formats/fleet-controls-csv.js";
import {
  buildFleetAssessmentResults,
  format as fleetOscal,
} from "../../src/fleet/formats/fleet-oscal-assessment-results.js";
import type { PlanAction } from "../../src/plan/plan.js";
import { ATTACK_SCORE_SCALE } from "../../src/report/attack-score-scale.js";
import type { RenderedFile } from "../../src/report/contract.js";
import { parseCsv } from "../report/data/fixtures/parse-csv.js";
import { orgPack } from "./fixtures/org-pack-builder.js";

const action = (rank: number, edit: string, summary: string): PlanAction => ({
  rank,
  edit,
  summary,
  gain: 10 - rank,
  techniques: [],
  controls: [],
  cumulative: { techniques: [], controls: [] },
});

const packs = [
  orgPack("us", {
    frameworks: { pci: { "1": "pass", "2": "fail" }, hipaa: { a: "manual" } },
    attack: { T1000: 5, T1001: 2 },
    plan: { candidates: 4, actions: [action(1, "--enable-rule r1", '=HYPERLINK("http://x")')] },
  }),
  orgPack("eu", {
    frameworks: { pci: { "1": "partial", "2": "pass" } },
    attack: { T1000: 1, T1001: 2 },
    missing: ["signals"],
    plan: { candidates: 2, actions: [action(1, "--add-source okta", "Ingest okta"), action(2, "-x", "Two")] },
  }),
];

function input(fleetPacks = packs): FleetReportInput {
  const fleet = combineOrgPacks(fleetPacks);
  return { fleet, templates: {}, versions: { ddproof: "1.2.3", ...fleet.catalogs } };
}

const text = (file: RenderedFile) => ("text" in file ? file.text : "");

describe("fleet CSVs", () => {
  it("controls.csv: worst-of status, worst orgs, then one status column per org, blank where it has no say", async () => {
    const [file] = await fleetControlsCsv.render(input());
    expect(file!.path).toBe("controls.csv");
    expect(parseCsv(text(file!))).toEqual([
      ["framework", "control_id", "title", "status", "worst_orgs", "status:eu", "status:us"],
      ["pci", "1", "Control 1", "partial", "eu", "partial", "pass"],
      ["pci", "2", "Control 2", "fail", "us", "pass", "fail"],
      ["hipaa", "a", "Control a", "manual", "us", "", "manual"],
    ]);
  });

  it("attack-coverage.csv: weakest score, weakest orgs, the first one's reason, one score column per org", async () => {
    const [file] = await fleetAttackCoverageCsv.render(input());
    expect(parseCsv(text(file!))).toEqual([
      ["technique_id", "name", "tactics", "score", "weakest_orgs", "reason_code", "score:eu", "score:us"],
      ["T1000", "Technique T1000", "TA0001", "1", "eu", "source_silent", "1", "5"],
      ["T1001", "Technique T1001", "TA0001", "2", "eu;us", "source_silent", "2", "2"],
    ]);
    const noAttack = [orgPack("eu", { attack: null }), orgPack("us", { attack: null })];
    expect(await fleetAttackCoverageCsv.render(input(noAttack))).toEqual([]);
  });

  it("actions.csv: each org's actions in rank order, cells neutralised", async () => {
    const [file] = await fleetActionsCsv.render(input());
    expect(parseCsv(text(file!))).toEqual([
      ["org", "rank", "edit", "summary", "gain"],
      ["eu", "1", "'--add-source okta", "Ingest okta", "9"],
      ["eu", "2", "'-x", "Two", "8"],
      ["us", "1", "'--enable-rule r1", '\'=HYPERLINK("http://x")', "9"],
    ]);
  });
});

describe("the fleet's Navigator layer", () => {
  const layer = buildFleetAttackLayer(input())!;

  it("scores each technique by its weakest org on the one colour scale", () => {
    expect(layer.versions).toEqual({ attack: "18", navigator: "4.9.1", layer: "4.5" });
    expect(layer.techniques.map((t) => [t.techniqueID, t.tactic, t.score])).toEqual([
      ["T1000", "TA0001", 1],
      ["T1001", "TA0001", 2],
    ]);
    expect(layer.gradient.colors).toEqual(ATTACK_SCORE_SCALE.map((step) => step.color));
    expect(layer.legendItems.map((item) => item.color)).toEqual(ATTACK_SCORE_SCALE.map((step) => step.color));
  });

  it("carries every org's score in each technique's metadata", () => {
    expect(layer.techniques[0]!.metadata).toEqual([
      { name: "Weakest orgs", value: "eu" },
      { name: "Reason", value: expect.any(String) },
      { name: "Score: eu", value: "1" },
      { name: "Score: us", value: "5" },
    ]);
    expect(layer.techniques[0]!.comment).toContain("Scores by org: eu 1, us 5.");
    expect(layer.metadata).toContainEqual({ name: "Evidence complete", value: "no: eu/signals" });
    expect(layer.metadata).toContainEqual({ name: "Version: ddproof", value: "1.2.3" });
  });

  it("is absent when no org assessed ATT&CK", () => {
    expect(buildFleetAttackLayer(input([orgPack("eu", { attack: null })]))).toBeNull();
  });
});

describe("the fleet's OSCAL assessment results", () => {
  const document = buildFleetAssessmentResults(input())["assessment-results"];
  const [result] = document.results;

  it("names each org as an organisation party", () => {
    expect(document.metadata.parties.map((party) => [party.type, party.name, party["short-name"]])).toEqual([
      ["organization", "eu org", "eu"],
      ["organization", "us org", "us"],
    ]);
  });

  it("makes each org the subject of its own observation of each control", () => {
    const parties = new Map(document.metadata.parties.map((party) => [party.uuid, party["short-name"]]));
    const observations = new Map(result!.observations!.map((observation) => [observation.uuid, observation]));
    const subjectsOf = (targetId: string) => {
      const finding = result!.findings!.find((f) => f.target["target-id"] === targetId)!;
      return finding["related-observations"]!.map((ref) => {
        const observation = observations.get(ref["observation-uuid"])!;
        expect(observation.subjects).toHaveLength(1);
        expect(observation.subjects[0]!.type).toBe("party");
        return [
          parties.get(observation.subjects[0]!["subject-uuid"]),
          observation.props.find((p) => p.name === "status")!.value,
        ];
      });
    };
    expect(subjectsOf("pci_1")).toEqual([
      ["eu", "partial"],
      ["us", "pass"],
    ]);
    expect(subjectsOf("hipaa_a")).toEqual([["us", "manual"]]);
    expect(result!.observations!.find((o) => o.title === "eu: pci 1")!["relevant-evidence"][0]!.href).toBe(
      "../eu/assessment.json",
    );
  });

  it("has one finding per control with the worst-of status", () => {
    expect(
      result!.findings!.map((finding) => [
        finding.target["target-id"],
        finding.target.status.state,
        finding.props[0]!.value,
      ]),
    ).toEqual([
      ["pci_1", "not-satisfied", "partial"],
      ["pci_2", "not-satisfied", "fail"],
      ["hipaa_a", "not-satisfied", "manual"],
    ]);
    expect(result!.remarks).toBe("Evidence could not be collected: eu/signals.");
  });

  it("links each org pack's manifest with the hash the fleet recorded, and gives every UUID once", () => {
    const fleet = input().fleet;
    const [method] = document["back-matter"].resources;
    expect(method!.rlinks.slice(1)).toEqual(
      fleet.orgs.map((org) => ({
        href: `../${org.name}/manifest.json`,
        "media-type": "application/json",
        hashes: [{ algorithm: "SHA-256", value: org.manifest_sha256 }],
      })),
    );
    expect(document["import-ap"].href).toBe(`#${method!.uuid}`);
    const uuids = JSON.stringify(document).match(/"uuid":"[^"]+"/g)!;
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it("is the same bytes for the same org packs, and other UUIDs for other packs", async () => {
    const [first] = await fleetOscal.render(input());
    const [second] = await fleetOscal.render(input([...packs].reverse()));
    expect(text(first!)).toBe(text(second!));
    const other = [{ ...packs[0]!, manifestSha256: "0".repeat(64) }, packs[1]!];
    expect(buildFleetAssessmentResults(input(other))["assessment-results"].uuid).not.toBe(document.uuid);
  });
});
