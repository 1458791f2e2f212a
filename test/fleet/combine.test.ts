/**
 * Combining org packs into the fleet assessment, and what must agree before
 * they can be combined: tables over small in-memory packs.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { checkOrgPacks } from "../../src/fleet/check-packs.js";
import { combineOrgPacks } from "../../src/fleet/combine.js";
import { FleetAssessment, WORST_FIRST } from "../../src/fleet/schema.js";
import type { PlanAction } from "../../src/plan/plan.js";
import { orgPack, Q3, WORST_TO_BEST } from "./fixtures/org-pack-builder.js";

const pairs = WORST_TO_BEST.flatMap((worse, i) => WORST_TO_BEST.slice(i).map((better) => [worse, better] as const));

describe("a control's fleet status", () => {
  it("follows the order fail, unknown, partial, manual, accepted, pass, not_applicable", () => {
    expect(WORST_FIRST).toEqual(WORST_TO_BEST);
  });

  it.each(pairs)("of %s and %s is the first, whichever org says which", (worse, better) => {
    for (const [a, b] of [
      [worse, better],
      [better, worse],
    ] as const) {
      const fleet = combineOrgPacks([
        orgPack("eu", { frameworks: { fw: { "1": a } } }),
        orgPack("us", { frameworks: { fw: { "1": b } } }),
      ]);
      const control = fleet.frameworks[0]!.controls[0]!;
      expect(control.status).toBe(worse);
      expect(control.orgs).toEqual({ eu: a, us: b });
      expect(control.worst_orgs).toEqual([a === worse ? "eu" : null, b === worse ? "us" : null].filter(Boolean));
    }
  });

  it("leaves an org that does not assess the framework out of its statuses", () => {
    const fleet = combineOrgPacks([
      orgPack("us", { frameworks: { pci: { "1": "pass" }, hipaa: { a: "pass", b: "partial" } } }),
      orgPack("eu", { frameworks: { pci: { "1": "fail" } } }),
      orgPack("apac", { frameworks: { hipaa: { a: "fail", b: "pass" }, pci: { "1": "pass" } } }),
    ]);
    expect(fleet.frameworks.map((framework) => [framework.id, framework.orgs])).toEqual([
      // The first org by name lists hipaa first: its order is the fleet's.
      ["hipaa", ["apac", "us"]],
      ["pci", ["apac", "eu", "us"]],
    ]);
    const [hipaa, pci] = fleet.frameworks;
    expect(hipaa!.controls.map((control) => [control.id, control.status, control.orgs, control.worst_orgs])).toEqual([
      ["a", "fail", { apac: "fail", us: "pass" }, ["apac"]],
      ["b", "partial", { apac: "pass", us: "partial" }, ["us"]],
    ]);
    expect(pci!.controls[0]).toMatchObject({ status: "fail", orgs: { apac: "pass", eu: "fail", us: "pass" } });
    expect(hipaa!.summary).toEqual({
      pass: 0,
      partial: 1,
      fail: 1,
      unknown: 0,
      manual: 0,
      accepted: 0,
      not_applicable: 0,
    });
  });

  it("names every org that has the worst status", () => {
    const fleet = combineOrgPacks([
      orgPack("us", { frameworks: { fw: { "1": "unknown" } } }),
      orgPack("eu", { frameworks: { fw: { "1": "unknown" } } }),
      orgPack("apac", { frameworks: { fw: { "1": "pass" } } }),
    ]);
    expect(fleet.frameworks[0]!.controls[0]!.worst_orgs).toEqual(["eu", "us"]);
  });
});

describe("a technique's fleet score", () => {
  it("is the weakest org's, with every assessing org's score and the first weakest org's reason", () => {
    const fleet = combineOrgPacks([
      orgPack("us", { attack: { T1000: 1, T1001: 5, "T1001.001": 4 } }),
      orgPack("eu", { attack: { T1000: 1, T1001: 2, "T1001.001": 4 } }),
      orgPack("apac", { attack: null }),
    ]);
    expect(fleet.attack!.orgs).toEqual(["eu", "us"]);
    expect(fleet.attack!.techniques.map((t) => [t.id, t.score, t.orgs, t.weakest_orgs, t.reason, t.parent])).toEqual([
      ["T1000", 1, { eu: 1, us: 1 }, ["eu", "us"], "source_silent", null],
      ["T1001", 2, { eu: 2, us: 5 }, ["eu"], "source_silent", null],
      ["T1001.001", 4, { eu: 4, us: 4 }, ["eu", "us"], "covered", "T1001"],
    ]);
    expect(fleet.frameworks[0]!.orgs).toEqual(["apac", "eu", "us"]);
    expect(fleet.orgs.map((org) => org.frameworks)).toEqual([["fw"], ["fw", "mitre-attack"], ["fw", "mitre-attack"]]);
  });

  it("is absent when no org assessed ATT&CK", () => {
    expect(combineOrgPacks([orgPack("eu", { attack: null }), orgPack("us", { attack: null })]).attack).toBeNull();
  });
});

describe("the fleet assessment", () => {
  const action: PlanAction = {
    rank: 1,
    edit: "--enable-rule abc",
    summary: "Enable rule abc",
    gain: 7,
    techniques: [],
    controls: [],
    cumulative: { techniques: [], controls: [] },
  };
  const packs = [
    orgPack("us", { collectedAt: "2026-10-01T06:00:00Z", plan: { candidates: 3, actions: [action] } }),
    orgPack("eu", { collectedAt: "2026-10-01T08:30:00+02:00", missing: ["signals"] }),
    orgPack("apac", { collectedAt: "2026-10-01T06:05:00Z", catalogs: { fw: "1", extra: "2" } }),
  ];

  it("is valid, sorted by org name, dated by the latest collection and incomplete when one org is", () => {
    const fleet = FleetAssessment.parse(combineOrgPacks(packs));
    expect(fleet.orgs.map((org) => org.name)).toEqual(["apac", "eu", "us"]);
    // 08:30+02:00 is 06:30Z: the latest instant, written as that org wrote it.
    expect(fleet.collected_at).toBe("2026-10-01T08:30:00+02:00");
    expect(fleet.complete).toBe(false);
    expect(fleet.period).toEqual(Q3);
    expect(fleet.catalogs).toEqual({ extra: "2", fw: "1", "mitre-attack": "18.1" });
    expect(fleet.orgs.find((org) => org.name === "eu")).toMatchObject({
      complete: false,
      missing_evidence: ["signals"],
      site: "datadoghq.com",
      display_name: "eu org",
    });
    expect(fleet.orgs.find((org) => org.name === "us")!.top_actions).toEqual([action]);
  });

  it("does not depend on the order the packs are given in", () => {
    expect(combineOrgPacks([...packs].reverse())).toEqual(combineOrgPacks(packs));
    expect(JSON.stringify(combineOrgPacks([packs[1]!, packs[2]!, packs[0]!]))).toBe(
      JSON.stringify(combineOrgPacks(packs)),
    );
  });
});

describe("checking org packs before combining them", () => {
  const refusal = (packs: Parameters<typeof checkOrgPacks>[0]) => {
    try {
      checkOrgPacks(packs);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    return null;
  };

  it("accepts orgs of one kind and period that assess different frameworks", () => {
    expect(
      refusal([
        orgPack("eu", { frameworks: { pci: { "1": "pass" } } }),
        orgPack("us", { frameworks: { hipaa: { "1": "pass" } }, attack: null }),
      ]),
    ).toBeNull();
  });

  it.each([
    [
      "periods",
      [
        orgPack("eu"),
        orgPack("us", {
          period: { label: "2026-Q2", from: "2026-04-01T00:00:00Z", to: "2026-07-01T00:00:00Z", timezone: "UTC" },
        }),
      ],
      "eu: period 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z, UTC) differs from us: 2026-Q2 (2026-04-01T00:00:00Z to 2026-07-01T00:00:00Z, UTC)",
    ],
    [
      "time zones",
      [orgPack("eu"), orgPack("us", { period: { ...Q3, timezone: "America/New_York" } })],
      "eu: period 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z, UTC) differs from us: 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z, America/New_York)",
    ],
    [
      "catalog versions",
      [
        orgPack("eu", { catalogs: { fw: "1" } }),
        orgPack("us", { catalogs: { fw: "1" } }),
        orgPack("apac", { catalogs: { fw: "2" } }),
      ],
      "apac: catalog fw version 2 differs from eu: 1\n  apac: catalog fw version 2 differs from us: 1",
    ],
    [
      "kinds",
      [orgPack("eu", { kind: "evidence" }), orgPack("us", { kind: "gap" })],
      "eu: kind evidence differs from us: gap",
    ],
    [
      "ATT&CK gap thresholds",
      [orgPack("eu", { gapBelow: 3 }), orgPack("us", { attack: null }), orgPack("zz", { gapBelow: 4 })],
      "eu: ATT&CK gap threshold score 3 differs from zz: score 4",
    ],
  ])("refuses different %s, naming the mismatch and the orgs", (_what, packs, message) => {
    expect(refusal(packs)).toBe(`the org packs cannot be combined:\n  ${message}`);
  });

  it("compares a catalog only between the orgs that use it", () => {
    expect(
      refusal([
        orgPack("eu", { catalogs: { fw: "1" } }),
        orgPack("us", { catalogs: { fw: "1", hipaa: "2" } }),
        orgPack("zz", { catalogs: { fw: "1", hipaa: "3" } }),
      ]),
    ).toBe("the org packs cannot be combined:\n  us: catalog hipaa version 2 differs from zz: 3");
  });

  it("refuses the same org twice, and no org at all", () => {
    const twice = { ...orgPack("eu"), dir: "elsewhere/eu" };
    expect(refusal([orgPack("eu"), orgPack("us"), twice])).toBe(
      'the org packs cannot be combined:\n  org "eu" appears in 2 packs (packs/eu, elsewhere/eu); each org may appear once',
    );
    expect(refusal([])).toBe("no org packs given: expected at least one org pack folder");
  });
});
