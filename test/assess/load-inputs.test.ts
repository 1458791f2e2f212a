/**
 * What the engine reads besides the snapshot, from the shipped folders and a
 * user's: which mapping replaces which, which files are not mappings, the
 * source table's overrides, attestations and the catalogs they pull in, and
 * each refusal naming the file and the path inside it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAssessInputs } from "../../src/assess/load-inputs.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { FRAMEWORK } from "./fixtures/catalogs.js";

const MANUAL = "    - kind: manual\n      rationale: Reviewed by hand.\n";
const soc2 = (controls: string, framework = "soc2-2017") => `framework: ${framework}\ncontrols:\n${controls}`;
const load = (userDirs: string[], frameworks = ["soc2-2017"], attestationsFile: string | null = null) =>
  loadAssessInputs({ frameworks, userDirs, attestationsFile });
const attestation = (framework: string, id: string) =>
  `- control: { framework: ${framework}, id: "${id}" }\n  type: evidence\n  owner: jane@example.com\n  reason: Reviewed.\n  date: 2026-01-01\n  expires: 2026-12-31\n`;

describe("mapping files", () => {
  it("replace a control's shipped mapping with a user folder's, later folders winning, and keep the others", async () => {
    const shipped = await load([]);
    const first = scratchDir("inputs", { "soc2-2017.yaml": soc2(`  "CC6.1":\n${MANUAL}  "CC6.2":\n${MANUAL}`) });
    const second = scratchDir("inputs", {
      "soc2-2017.yaml": soc2(`  "CC6.2":\n    - kind: manual\n      rationale: Second folder.\n`),
    });
    const { mappings } = await load([first, second]);
    expect(mappings["soc2-2017"]!["CC6.1"]).toEqual([{ kind: "manual", params: {}, rationale: "Reviewed by hand." }]);
    expect(mappings["soc2-2017"]!["CC6.2"]).toEqual([{ kind: "manual", params: {}, rationale: "Second folder." }]);
    expect(shipped.mappings["soc2-2017"]!["CC2.1"]!.map((entry) => entry.kind)).toEqual([
      "log_source",
      "agent_coverage",
    ]);
    expect(mappings["soc2-2017"]!["CC2.1"]).toEqual(shipped.mappings["soc2-2017"]!["CC2.1"]);
    expect(Object.keys(mappings)).toEqual(["soc2-2017"]);
  });

  it("skip the mapping file of a known framework that is not assessed, without reading it", async () => {
    const dir = scratchDir("inputs", { "hipaa-security-rule.yaml": "not: [valid" });
    expect(Object.keys((await load([dir])).mappings)).toEqual(["soc2-2017"]);
  });

  it("are only .yaml files other than the source table and the attestations", async () => {
    const dir = scratchDir("inputs", {
      "notes.txt": "not a mapping",
      "soc2-2017.yml": "not: [valid",
      "attestations.yaml": "not: [a mapping",
    });
    expect(Object.keys((await load([dir])).mappings)).toEqual(["soc2-2017"]);
  });

  it("refuse a file naming another framework, a control the catalog lacks, and a framework without a catalog", async () => {
    const wrongName = scratchDir("inputs", { "soc2-2017.yaml": soc2(`  "CC6.1":\n${MANUAL}`, "pci-dss-4.0.1") });
    await expect(load([wrongName])).rejects.toThrow(
      `${join(wrongName, "soc2-2017.yaml")}: framework: expected "soc2-2017" (the file name without .yaml)`,
    );
    const unknownControl = scratchDir("inputs", { "soc2-2017.yaml": soc2(`  "CC99.1":\n${MANUAL}`) });
    await expect(load([unknownControl])).rejects.toThrow(
      `${join(unknownControl, "soc2-2017.yaml")}: controls["CC99.1"]: "CC99.1" is not a control of soc2-2017`,
    );
    const noCatalog = scratchDir("inputs", { "acme.yaml": soc2(`  "1":\n${MANUAL}`, "acme") });
    await expect(load([noCatalog])).rejects.toThrow(
      `${join(noCatalog, "acme.yaml")}: (top level): no catalog "acme" exists for this mapping file (expected <framework id>.yaml)`,
    );
    // Files are read in JavaScript's name order: Node lists a folder in byte order (UTF-8), which puts
    // U+FF41 (ａ) before U+1F600 (😀), and JavaScript's order (UTF-16 units) puts 😀 first.
    const twoUnknown = scratchDir("inputs", { "\uFF41.yaml": "x: 1", "\u{1F600}.yaml": "x: 1" });
    await expect(load([twoUnknown])).rejects.toThrow(
      `${join(twoUnknown, "\u{1F600}.yaml")}: (top level): no catalog "\u{1F600}" exists for this mapping file`,
    );
    const badEntry = scratchDir("inputs", { "soc2-2017.yaml": soc2(`  "CC6.1":\n    - kind: manual\n`) });
    await expect(load([badEntry])).rejects.toThrow(
      `${join(badEntry, "soc2-2017.yaml")}: controls["CC6.1"][0].rationale`,
    );
  });
});

describe("the ATT&CK source table", () => {
  it("takes a user row in place of every shipped row naming the same source, and keeps the rest", async () => {
    const shipped = (await load([])).sourceMap;
    const dir = scratchDir("inputs", {
      "attack-log-sources.yaml": "sources:\n  - datadog: [CloudTrail]\n    attack: [AWS:CloudTrail]\n",
    });
    const map = (await load([dir])).sourceMap;
    expect(map.filter((row) => row.datadog.some((source) => source.toLowerCase() === "cloudtrail"))).toEqual([
      { datadog: ["CloudTrail"], attack: ["AWS:CloudTrail"], workload_protection: false },
    ]);
    expect(map.length).toBe(shipped.length);
    expect(map.at(-1)).toEqual({ datadog: ["CloudTrail"], attack: ["AWS:CloudTrail"], workload_protection: false });
    expect(map.find((row) => row.datadog.includes("okta"))).toEqual(
      shipped.find((row) => row.datadog.includes("okta")),
    );
  });

  it("refuses a user table with the file and path named", async () => {
    const dir = scratchDir("inputs", { "attack-log-sources.yaml": "sources:\n  - datadog: []\n    attack: [x]\n" });
    await expect(load([dir])).rejects.toThrow(`${join(dir, "attack-log-sources.yaml")}: sources[0].datadog:`);
  });
});

describe("attestations", () => {
  it("are none without a file, and none in an empty file or one of comments only", async () => {
    expect((await load([])).attestations).toEqual([]);
    const dir = scratchDir("inputs", { "empty.yaml": "", "commented.yaml": "# - control: { framework: soc2-2017 }\n" });
    for (const name of ["empty.yaml", "commented.yaml"])
      expect((await load([], ["soc2-2017"], join(dir, name))).attestations, name).toEqual([]);
  });

  it("name a file that cannot be read by its error code", async () => {
    const missing = join(scratchDir("inputs"), "attestations.yaml");
    await expect(load([], ["soc2-2017"], missing)).rejects.toThrow(`${missing}: cannot read the file (ENOENT)`);
  });

  it("load the catalogs and ATT&CK they name, beyond the frameworks assessed", async () => {
    const dir = scratchDir("inputs", {
      "attestations.yaml": attestation("hipaa-security-rule", "164.312(b)") + attestation("mitre-attack", "T1078"),
    });
    const inputs = await load([], ["soc2-2017"], join(dir, "attestations.yaml"));
    expect(inputs.catalogs.map((catalog) => catalog.id)).toEqual(["soc2-2017", "hipaa-security-rule"]);
    expect(inputs.attack?.id).toBe("mitre-attack");
    expect(inputs.attestations.map((a) => a.control.id)).toEqual(["164.312(b)", "T1078"]);
    expect((await load([])).attack).toBeNull();
    expect((await load([], ["soc2-2017", "mitre-attack"])).attack?.id).toBe("mitre-attack");
  });

  it("refuse an unknown framework at the attestation's index", async () => {
    const file = join(
      scratchDir("inputs", { "attestations.yaml": attestation("soc2-2017", "CC6.1") + attestation("acme", "1") }),
      "attestations.yaml",
    );
    await expect(load([], ["soc2-2017"], file)).rejects.toThrow(
      `${file}: [1].control.framework: unknown framework "acme"`,
    );
  });
});

describe("user folders", () => {
  const acme = JSON.stringify({ ...FRAMEWORK, id: "acme", name: "Acme controls" });
  it("must exist", async () => {
    const missing = join(scratchDir("inputs"), "nowhere");
    await expect(load([missing])).rejects.toThrow(
      `${missing}: expected a folder of catalog and mapping files, but it does not exist`,
    );
  });

  it("give catalogs of their own, with their mappings, assessed or named by attestations", async () => {
    const dir = scratchDir("inputs", {
      "acme.json": acme,
      "acme.yaml": `framework: acme\ncontrols:\n  "1.1":\n${MANUAL}`,
      "attestations.yaml": attestation("acme", "1.1"),
    });
    const assessed = await load([dir], ["acme"]);
    expect([assessed.catalogs.map((c) => c.name), Object.keys(assessed.mappings.acme!)]).toEqual([
      ["Acme controls"],
      ["1.1"],
    ]);
    const attested = await load([dir], ["soc2-2017"], join(dir, "attestations.yaml"));
    expect(attested.catalogs.map((c) => c.id)).toEqual(["soc2-2017", "acme"]);
    expect(Object.keys(attested.mappings).sort()).toEqual(["acme", "soc2-2017"]);
  });
});

describe("catalogs", () => {
  it("name a framework asked for that has no catalog as the catalog loader does", async () => {
    await expect(load([], ["nope"])).rejects.toThrow(/^framework "nope": no nope\.json in frameworks\/$/);
  });

  it("leave ATT&CK unloaded when no attestation names it", async () => {
    const dir = scratchDir("inputs", { "attestations.yaml": attestation("soc2-2017", "CC6.1") });
    expect((await load([], ["soc2-2017"], join(dir, "attestations.yaml"))).attack).toBeNull();
  });

  it("take ATT&CK from a user folder", async () => {
    const shipped = JSON.parse(readFileSync(join("frameworks", "mitre-attack.json"), "utf8"));
    const dir = scratchDir("inputs", { "mitre-attack.json": JSON.stringify({ ...shipped, version: "99.1" }) });
    expect((await load([dir], ["mitre-attack"])).attack?.version).toBe("99.1");
  });

  it("skip a user catalog's mapping file when that catalog is not assessed", async () => {
    const dir = scratchDir("inputs", {
      "acme.json": JSON.stringify({ ...FRAMEWORK, id: "acme", name: "Acme controls" }),
      "acme.yaml": "not: [valid",
    });
    expect(Object.keys((await load([dir], ["soc2-2017"])).mappings)).toEqual(["soc2-2017"]);
  });
});
