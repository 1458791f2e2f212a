import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importAttack } from "../../../src/catalogs/attack/import.js";
import type { AttackCatalog, AttackTechnique } from "../../../src/catalogs/attack/schema.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function technique(catalog: AttackCatalog, id: string): AttackTechnique {
  const found = catalog.techniques.find((t) => t.id === id);
  if (found === undefined) throw new Error(`${id} is not in the catalog`);
  return found;
}

describe("importAttack: STIX 2.1 bundle, v18 detection-strategy model", () => {
  it("takes the release, spec versions and dates from the data", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(catalog).toMatchObject({
      id: "mitre-attack",
      domain: "enterprise-attack",
      version: "18.1",
      spec_versions: ["3.2.0", "3.3.0"],
      modified: "2025-04-25T14:41:40.982Z",
      content_modified: "2025-11-13T00:00:00.000Z",
      log_source_model: "detection-strategies",
    });
  });

  it("lists tactics in matrix order, not id order", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(catalog.tactics.map((t) => [t.id, t.shortname, t.name])).toEqual([
      ["TA0001", "initial-access", "Initial Access"],
      ["TA0006", "credential-access", "Credential Access"],
      ["TA0005", "defense-evasion", "Defense Evasion"],
    ]);
    expect(catalog.tactics[1]!.description).toBe("The adversary is trying to steal account names and passwords.");
    expect(catalog.tactics[0]).not.toHaveProperty("description");
  });

  it("sorts techniques by id and keeps revoked and deprecated ones, flagged", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(catalog.techniques.map((t) => t.id)).toEqual(["T1066", "T1078", "T1078.004", "T1110", "T1110.001", "T1200"]);
    expect(technique(catalog, "T1066")).toMatchObject({ revoked: true, deprecated: false, revoked_by: "T1078" });
    expect(technique(catalog, "T1200")).toMatchObject({
      revoked: false,
      deprecated: true,
      revoked_by: null,
      tactics: ["initial-access"],
    });
  });

  it("links sub-techniques to parents by relationship, else by id prefix", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(technique(catalog, "T1110.001")).toMatchObject({ is_subtechnique: true, parent: "T1110" });
    expect(technique(catalog, "T1078.004")).toMatchObject({ is_subtechnique: true, parent: "T1078", url: null });
    expect(technique(catalog, "T1110")).toMatchObject({
      is_subtechnique: false,
      parent: null,
      platforms: ["Windows", "Linux", "IaaS"],
    });
  });

  it("orders a technique's tactics by the matrix and ignores other kill chains and retired phases of revoked techniques", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(technique(catalog, "T1078").tactics).toEqual(["initial-access", "defense-evasion"]);
    expect(technique(catalog, "T1066").tactics).toEqual([]);
  });

  it("collects sorted unique log-source names from active strategies and analytics only", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    const logSources = Object.fromEntries(catalog.techniques.map((t) => [t.id, t.log_sources]));
    expect(logSources).toEqual({
      // Duplicated WinEventLog:Security appears once; the deprecated component's source is dropped.
      T1110: ["AWS:CloudTrail", "WinEventLog:Security", "auditd:SYSCALL"],
      // Its own strategy only (the parent's sources are not merged in); the deprecated analytic is dropped.
      "T1110.001": ["azure:signinlogs"],
      // Detected only by a revoked strategy.
      T1078: [],
      // Detected only through a deprecated relationship.
      "T1078.004": [],
      // A revoked technique gets none even with an active strategy.
      T1066: [],
      T1200: [],
    });
  });

  it("takes the notice from the data's marking-definition when no LICENSE.txt is beside it", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"));
    expect(catalog.notice).toBe(
      "Copyright 2015-2025, The MITRE Corporation. MITRE ATT&CK and ATT&CK are registered trademarks of The MITRE Corporation.",
    );
    expect(catalog.source.description).toBe(
      "v18-bundle.json (STIX bundle: 1 x-mitre-collection, 1 x-mitre-matrix, 3 x-mitre-tactic, 6 attack-pattern, 7 relationship, " +
        "3 x-mitre-detection-strategy, 4 x-mitre-analytic, 2 x-mitre-data-component, 1 marking-definition)",
    );
  });

  it("accepts a version that agrees with the data", async () => {
    const catalog = await importAttack(fixture("v18-bundle.json"), { version: "18.1" });
    expect(catalog.version).toBe("18.1");
  });
});

describe("importAttack: pre-v18 data-component model", () => {
  it("names log sources '<data source>: <data component>' from active detects relationships", async () => {
    const catalog = await importAttack(fixture("v17-bundle.json"));
    expect(catalog.version).toBe("17.1");
    expect(catalog.log_source_model).toBe("data-components");
    expect(Object.fromEntries(catalog.techniques.map((t) => [t.id, t.log_sources]))).toEqual({
      T1003: ["Process: Process Access"],
      T1059: ["Command: Command Execution", "Process: Process Creation"],
      "T1059.001": ["Process: Process Creation"],
    });
    expect(catalog.tactics.map((t) => t.id)).toEqual(["TA0002", "TA0006"]);
    expect(technique(catalog, "T1059.001").parent).toBe("T1059");
  });
});

describe("importAttack: folder of per-object STIX 2.0 files (mitre/cti layout)", () => {
  const folder = fixture("cti/enterprise-attack");

  it("reads one bundle per file, skips unused object types and takes the designation from LICENSE.txt", async () => {
    const catalog = await importAttack(folder, { version: "18.1" });
    expect(catalog.tactics.map((t) => `${t.id} ${t.shortname}`)).toEqual([
      "TA0007 discovery",
      "TA0011 command-and-control",
    ]);
    expect(catalog.techniques.map((t) => [t.id, t.parent, t.tactics, t.log_sources])).toEqual([
      ["T1046", null, ["discovery"], []],
      ["T1071", null, ["command-and-control"], []],
      ["T1071.001", "T1071", ["command-and-control"], ["NSM:Flow", "ebpf:syscalls"]],
    ]);
    expect(catalog.notice).toBe(
      "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.",
    );
    expect(catalog.source.description).toMatch(
      /^enterprise-attack \(folder of per-object STIX files: 1 x-mitre-matrix, 2 x-mitre-tactic, 3 attack-pattern, 2 relationship,/,
    );
    expect(catalog.spec_versions).toEqual(["3.2.0", "3.3.0"]);
    expect(catalog.content_modified).toBe("2025-11-12T22:03:39.105Z");
  });

  it("needs the release when the data has no x-mitre-collection", async () => {
    await expect(importAttack(folder)).rejects.toThrow(
      /enterprise-attack: no x-mitre-collection object names the ATT&CK release.*--attack-version/,
    );
  });
});
