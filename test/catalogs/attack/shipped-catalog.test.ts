import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAttackCatalog } from "../../../src/catalogs/attack/format.js";
import { loadAttackCatalog, SHIPPED_ATTACK_CATALOG } from "../../../src/catalogs/attack/load.js";
import { attackCatalogFigures } from "../../../src/catalogs/attack/summary.js";
import { PACKAGE_ROOT } from "../../../src/version.js";

// The figures of ATT&CK Enterprise v18.1 as imported by scripts/import-attack.mjs.
// A refresh to a newer release changes them (and the tactic list): update them with it.
describe("the shipped ATT&CK catalog (frameworks/mitre-attack.json)", () => {
  it("loads through the schema and is ATT&CK Enterprise 18.1 in the v18 log-source model", async () => {
    const catalog = await loadAttackCatalog();
    expect(catalog).toMatchObject({
      id: "mitre-attack",
      domain: "enterprise-attack",
      version: "18.1",
      log_source_model: "detection-strategies",
    });
    expect(catalog.spec_versions).toEqual(["3.2.0", "3.3.0"]);
  });

  it("has the 14 tactics in matrix order, Reconnaissance first and Impact last", async () => {
    const catalog = await loadAttackCatalog();
    expect(catalog.tactics.map((t) => t.id)).toEqual([
      "TA0043",
      "TA0042",
      "TA0001",
      "TA0002",
      "TA0003",
      "TA0004",
      "TA0005",
      "TA0006",
      "TA0007",
      "TA0008",
      "TA0009",
      "TA0011",
      "TA0010",
      "TA0040",
    ]);
    expect([catalog.tactics[0]!.name, catalog.tactics.at(-1)!.name]).toEqual(["Reconnaissance", "Impact"]);
    expect(catalog.tactics.find((t) => t.id === "TA0005")).toMatchObject({
      shortname: "defense-evasion",
      name: "Defense Evasion",
    });
  });

  it("counts 216 techniques and 475 sub-techniques active, 144 flagged, 650 with log sources", async () => {
    const catalog = await loadAttackCatalog();
    expect(catalog.techniques).toHaveLength(835);
    expect(attackCatalogFigures(catalog)).toEqual({
      tactics: 14,
      techniques: 216,
      subtechniques: 475,
      inactive: 144,
      withLogSources: 650,
    });
  });

  it("holds known facts about T1110, T1078.004 and CloudTrail", async () => {
    const catalog = await loadAttackCatalog();
    const byId = new Map(catalog.techniques.map((t) => [t.id, t]));
    const bruteForceChildren = catalog.techniques.filter((t) => t.parent === "T1110").map((t) => t.id);
    expect(bruteForceChildren).toEqual(["T1110.001", "T1110.002", "T1110.003", "T1110.004"]);
    expect(byId.get("T1110")).toMatchObject({
      name: "Brute Force",
      tactics: ["credential-access"],
      is_subtechnique: false,
    });

    const cloudAccounts = byId.get("T1078.004");
    expect(cloudAccounts).toMatchObject({
      name: "Cloud Accounts",
      is_subtechnique: true,
      parent: "T1078",
      url: "https://attack.mitre.org/techniques/T1078/004",
    });
    expect(cloudAccounts?.platforms).toContain("IaaS");
    expect(cloudAccounts?.log_sources).toContain("AWS:CloudTrail");
    expect(catalog.techniques.filter((t) => t.log_sources.includes("AWS:CloudTrail")).length).toBeGreaterThan(20);
  });

  it("flags revoked techniques with what replaced them", async () => {
    const catalog = await loadAttackCatalog();
    expect(catalog.techniques.find((t) => t.id === "T1066")).toMatchObject({
      revoked: true,
      revoked_by: "T1027.005",
      log_sources: [],
    });
  });

  it("carries MITRE's designation, with the notice and licence files beside it", async () => {
    const catalog = await loadAttackCatalog();
    expect(catalog.notice).toBe(
      "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.",
    );
    const license = await readFile(join(PACKAGE_ROOT, "frameworks", "LICENSE-mitre-attack.txt"), "utf8");
    const notice = await readFile(join(PACKAGE_ROOT, "frameworks", "NOTICE-mitre-attack.txt"), "utf8");
    expect(license).toContain(catalog.notice);
    expect(notice).toContain(catalog.notice);
    expect(notice).toContain("ATT&CK® Enterprise v18.1");
  });

  it("is written in the importer's canonical layout, one technique per line", async () => {
    const text = await readFile(SHIPPED_ATTACK_CATALOG, "utf8");
    const catalog = await loadAttackCatalog();
    expect(formatAttackCatalog(catalog)).toBe(text);
    expect(text.split("\n").filter((line) => /^ {4}\{"id":"T\d/.test(line))).toHaveLength(835);
    expect(text.length).toBeLessThan(600_000);
  });
});
