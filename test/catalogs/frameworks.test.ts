import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../../src/errors.js";
import { ATTACK_CATALOG_ID, availableCatalogIds } from "../../src/catalogs/discover.js";
import { loadFrameworkCatalog, loadFrameworkCatalogs } from "../../src/catalogs/load.js";
import { listCatalogs } from "../../src/catalogs/list.js";
import type { FrameworkCatalog, FrameworkControl } from "../../src/catalogs/schema.js";

const FRAMEWORKS_DIR = fileURLToPath(new URL("../../frameworks/", import.meta.url));
/** The catalogs ddproof writes itself from its reference data (the others are imported from their publishers' data). */
const OWNED = ["pci-dss-4.0.1", "soc2-2017", "hipaa-security-rule", "datadog-baseline"];

/** Every shipped catalog in the FrameworkCatalog shape, found the way a run finds them. */
async function shippedFrameworkIds(): Promise<string[]> {
  return (await availableCatalogIds()).filter((id) => id !== ATTACK_CATALOG_ID);
}

function byId(catalog: FrameworkCatalog, id: string): FrameworkControl {
  const control = catalog.controls.find((candidate) => candidate.id === id);
  if (control === undefined) throw new Error(`${catalog.id} has no control ${id}`);
  return control;
}

function idsOfKind(catalog: FrameworkCatalog, kind: string): string[] {
  return catalog.controls.filter((control) => control.kind === kind).map((control) => control.id);
}

/** "CC", [5, 3] → CC1.1 … CC1.5, CC2.1 … CC2.3 */
function numbered(prefix: string, counts: number[]): string[] {
  return counts.flatMap((count, group) => Array.from({ length: count }, (_, i) => `${prefix}${group + 1}.${i + 1}`));
}

async function shippedJson(id: string): Promise<FrameworkCatalog> {
  return JSON.parse(await readFile(join(FRAMEWORKS_DIR, `${id}.json`), "utf8")) as FrameworkCatalog;
}

describe("shipped catalogs", () => {
  it("all load through the schema and the structure checks, each id equal to its file name", async () => {
    const catalogs = await loadFrameworkCatalogs(await shippedFrameworkIds());
    expect(catalogs.map((catalog) => [catalog.id, catalog.controls.length])).toEqual([
      ["datadog-baseline", 10],
      ["hipaa-security-rule", 70],
      ["nist-800-53-rev5-moderate", 305],
      ["pci-dss-4.0.1", 131],
      ["soc2-2017", 81],
    ]);
    for (const catalog of catalogs) expect(catalog.presentation?.group_label).toMatch(/\S/);
  });

  it("are found by file name: every JSON file in frameworks/ is a catalog, ATT&CK included", async () => {
    const names = (await readdir(FRAMEWORKS_DIR)).filter((name) => name.endsWith(".json")).sort();
    expect(await availableCatalogIds()).toEqual(names.map((name) => name.slice(0, -".json".length)));
    expect(await availableCatalogIds()).toContain(ATTACK_CATALOG_ID);
  });

  it("keep own-words titles short (17 words at most) for PCI DSS, SOC 2 and the baseline", async () => {
    for (const id of OWNED.filter((owned) => owned !== "hipaa-security-rule")) {
      const catalog = await loadFrameworkCatalog(id);
      const long = catalog.controls.filter((control) => control.title.split(/\s+/).length > 17).map((control) => control.id);
      expect(long, id).toEqual([]);
    }
  });

  it("carry no machine paths and no source text fields", async () => {
    for (const id of await shippedFrameworkIds()) {
      const text = await readFile(join(FRAMEWORKS_DIR, `${id}.json`), "utf8");
      expect(text, id).not.toMatch(/\/(work|home|root|tmp|Users)\/|[A-Z]:\\/);
      expect(text, id).not.toContain("title_or_paraphrase");
    }
  });

  it("keep one control per line for readable diffs", async () => {
    for (const id of await shippedFrameworkIds()) {
      const lines = (await readFile(join(FRAMEWORKS_DIR, `${id}.json`), "utf8")).split("\n");
      const controlLines = lines.filter((line) => /^\s*\{ "id": /.test(line));
      expect(controlLines.length, id).toBe((await shippedJson(id)).controls.length);
    }
  });
});

describe("pci-dss-4.0.1", () => {
  let pci: FrameworkCatalog;
  beforeAll(async () => {
    pci = await loadFrameworkCatalog("pci-dss-4.0.1");
  });

  it("has all twelve principal requirements and the A1 and A3 appendix rows at the top", () => {
    const top = pci.controls.filter((control) => control.parent === null).map((control) => control.id);
    expect(top).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "A1", "A3"]);
    expect(idsOfKind(pci, "principal_requirement")).toHaveLength(12);
    expect(idsOfKind(pci, "appendix")).toEqual(["A1", "A3"]);
  });

  it("holds the reference subset in depth, with 22 sections and 95 requirements", () => {
    expect(idsOfKind(pci, "section")).toHaveLength(22);
    expect(idsOfKind(pci, "requirement")).toHaveLength(95);
    for (const id of ["5.1.1", "5.4.1", "6.4.3", "7.2.5.1", "8.2.8", "8.3.10.1", "8.3.11", "10.1.2", "10.7.3", "11.4.7", "11.5.2", "11.6.1", "12.10.7", "A1.2.3", "A3.3.1.1", "A3.5.1"]) {
      expect(byId(pci, id).kind, id).toBe("requirement");
    }
  });

  it("links every level to its parent: 10.2.1.1 → 10.2.1 → 10.2 → 10", () => {
    expect(byId(pci, "10.2.1.1").parent).toBe("10.2.1");
    expect(byId(pci, "10.2.1").parent).toBe("10.2");
    expect(byId(pci, "10.2").parent).toBe("10");
    expect(byId(pci, "A3.3.1.1").parent).toBe("A3.3.1");
    expect(byId(pci, "A3.3").parent).toBe("A3");
  });

  it("keeps monitoring relevance and notes, e.g. 10.5.1 log retention", () => {
    const retention = byId(pci, "10.5.1");
    expect(retention.parent).toBe("10.5");
    expect(retention.monitoring_relevant).toBe(true);
    expect(retention.notes).toContain("retention");
    expect(pci.controls.filter((control) => control.monitoring_relevant)).toHaveLength(81);
  });

  it("marks future-dated requirements, and which were only partly future-dated", () => {
    expect(byId(pci, "11.5.1.1").future_dated).toBe(true);
    expect(byId(pci, "11.5.1.1").applicability).toBe("service_providers_only");
    expect(byId(pci, "10.4.1.1").future_dated).toBe(true);
    expect(byId(pci, "10.4.1").future_dated).toBeUndefined();
    expect(byId(pci, "12.10.5").future_dated_scope).toBe("bullet_only");
    expect(byId(pci, "10.7.3").future_dated_scope).toBe("non_service_providers_only");
    expect(pci.controls.filter((control) => control.future_dated === true)).toHaveLength(23);
  });

  it("records superseded requirements and normalised applicability", () => {
    expect(byId(pci, "6.4.1").superseded_by).toBe("6.4.2");
    expect(byId(pci, "10.7.1").superseded_by).toBe("10.7.2");
    expect(byId(pci, "A3.5.1").applicability).toBe("designated_entities_only");
  });

  it("derives added parents' relevance from their children", () => {
    for (const id of ["1", "2", "3", "4", "9"]) {
      expect(byId(pci, id).monitoring_relevant, id).toBe(false);
      expect(pci.controls.some((control) => control.parent === id), id).toBe(false);
    }
    for (const id of ["6", "7", "8", "11", "12", "A1", "A3"]) expect(byId(pci, id).monitoring_relevant, id).toBe(true);
  });

  it("attributes its structure to pinned public sources", () => {
    expect(pci.source.references?.map((reference) => reference.repo)).toContain("intuitem/ciso-assistant-community");
    expect(pci.text_policy).toContain("not PCI SSC text");
  });
});

describe("soc2-2017", () => {
  it("has exactly the 61 criteria under their 20 category rows", async () => {
    const soc2 = await loadFrameworkCatalog("soc2-2017");
    const expected = [
      ...numbered("CC", [5, 3, 4, 2, 3, 8, 5, 1, 2]),
      ...numbered("A", [3]),
      ...numbered("C", [2]),
      ...numbered("PI", [5]),
      ...numbered("P", [1, 1, 2, 3, 2, 7, 1, 1]),
    ];
    expect(expected).toHaveLength(61);
    expect(idsOfKind(soc2, "criterion")).toEqual(expected);
    const categories = idsOfKind(soc2, "category");
    expect(categories).toHaveLength(20);
    for (const id of expected) expect(categories, id).toContain(byId(soc2, id).parent);
  });

  it("keeps priority, notes and attributes, e.g. CC7.2", async () => {
    const soc2 = await loadFrameworkCatalog("soc2-2017");
    const cc72 = byId(soc2, "CC7.2");
    expect(cc72.parent).toBe("CC7");
    expect(cc72.monitoring_priority).toBe("primary");
    expect(cc72.attributes?.["points_of_focus_2022_count"]).toBe(4);
    expect(byId(soc2, "CC2.1").attributes?.["coso_principle"]).toBe(13);
    expect(byId(soc2, "P6.3").attributes?.["tsc_category"]).toBe("privacy");
    expect(soc2.controls.filter((control) => control.monitoring_relevant).map((control) => control.id)).toHaveLength(22);
  });
});

describe("hipaa-security-rule", () => {
  it("has 5 sections, 22 standards and 43 implementation specifications", async () => {
    const hipaa = await loadFrameworkCatalog("hipaa-security-rule");
    expect(idsOfKind(hipaa, "section")).toEqual(["164.308", "164.310", "164.312", "164.314", "164.316"]);
    expect(idsOfKind(hipaa, "standard")).toHaveLength(22);
    expect(idsOfKind(hipaa, "implementation_specification")).toHaveLength(43);
  });

  it("types every implementation specification required or addressable, and every standard required", async () => {
    const hipaa = await loadFrameworkCatalog("hipaa-security-rule");
    const specs = hipaa.controls.filter((control) => control.kind === "implementation_specification");
    expect(specs.filter((control) => control.requirement_type === "required")).toHaveLength(21);
    expect(specs.filter((control) => control.requirement_type === "addressable")).toHaveLength(22);
    for (const control of hipaa.controls.filter((candidate) => candidate.kind === "standard")) {
      expect(control.requirement_type, control.id).toBe("required");
    }
    for (const control of hipaa.controls.filter((candidate) => candidate.kind === "section")) {
      expect(control.requirement_type, control.id).toBeUndefined();
    }
  });

  it("uses the CFR headings, e.g. audit controls, activity review, encryption", async () => {
    const hipaa = await loadFrameworkCatalog("hipaa-security-rule");
    expect(byId(hipaa, "164.312(b)")).toMatchObject({ title: "Audit controls", kind: "standard", parent: "164.312" });
    expect(byId(hipaa, "164.308(a)(1)(ii)(D)")).toMatchObject({
      title: "Information system activity review",
      parent: "164.308(a)(1)(i)",
      requirement_type: "required",
      monitoring_priority: "primary",
    });
    expect(byId(hipaa, "164.312(a)(2)(iv)")).toMatchObject({ title: "Encryption and decryption", requirement_type: "addressable" });
  });
});

describe("datadog-baseline", () => {
  it("has one monitoring-relevant baseline item per verification point, DDB-01 to DDB-10", async () => {
    const baseline = await loadFrameworkCatalog("datadog-baseline");
    expect(baseline.controls.map((control) => control.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `DDB-${String(i + 1).padStart(2, "0")}`),
    );
    for (const control of baseline.controls) {
      expect(control, control.id).toMatchObject({ parent: null, kind: "baseline_item", monitoring_relevant: true });
    }
    expect(byId(baseline, "DDB-06").title).toContain("Workload Protection");
    expect(byId(baseline, "DDB-09").title).toContain("Suppressions");
  });
});

describe("user catalog folders", () => {
  let root: string;
  let dirCount = 0;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "ddproof-catalogs-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A fresh folder holding the given files (name → JSON value or raw text). */
  async function userDir(files: Record<string, unknown>): Promise<string> {
    const dir = join(root, `dir-${dirCount++}`);
    await mkdir(dir);
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    }
    return dir;
  }

  async function soc2With(change: (catalog: FrameworkCatalog) => void): Promise<FrameworkCatalog> {
    const catalog = await shippedJson("soc2-2017");
    change(catalog);
    return catalog;
  }

  async function loadError(id: string, dirs: string[]): Promise<InputError> {
    const error: unknown = await loadFrameworkCatalog(id, dirs).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }

  it("a soc2-2017.json in a user folder replaces the shipped one", async () => {
    const modified = await soc2With((catalog) => {
      catalog.version = "2017 (house copy)";
      catalog.controls = catalog.controls.filter((control) => control.id.startsWith("CC7"));
    });
    const dir = await userDir({ "soc2-2017.json": modified });
    const loaded = await loadFrameworkCatalog("soc2-2017", [dir]);
    expect(loaded.version).toBe("2017 (house copy)");
    expect(loaded.controls.map((control) => control.id)).toEqual(["CC7", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5"]);
  });

  it("the last folder given wins, and other catalogs stay shipped", async () => {
    const first = await userDir({ "soc2-2017.json": await soc2With((catalog) => (catalog.version = "first")) });
    const second = await userDir({ "soc2-2017.json": await soc2With((catalog) => (catalog.version = "second")) });
    expect((await loadFrameworkCatalog("soc2-2017", [first, second])).version).toBe("second");
    expect((await loadFrameworkCatalog("hipaa-security-rule", [first, second])).controls).toHaveLength(70);
  });

  it("a user folder can add a catalog of its own", async () => {
    const extra = {
      id: "house-rules",
      name: "House rules",
      version: "3",
      publisher: "Example Corp",
      text_policy: "Our own words.",
      source: { description: "Written by the security team." },
      controls: [
        { id: "HR-1", title: "Log everything", parent: null, kind: "rule", monitoring_relevant: true },
        { id: "HR-1.1", title: "Keep logs a year", parent: "HR-1", kind: "rule", monitoring_relevant: true },
      ],
    };
    const dir = await userDir({ "house-rules.json": extra });
    expect((await loadFrameworkCatalog("house-rules", [dir])).controls.map((control) => control.id)).toEqual(["HR-1", "HR-1.1"]);
  });

  it.each([
    {
      problem: "a field of the wrong type",
      change: (catalog: FrameworkCatalog) => Object.assign(catalog.controls[3]!, { monitoring_relevant: "yes" }),
      expected: /soc2-2017\.json: controls\[3\]\.monitoring_relevant: .*boolean/,
    },
    {
      problem: "a parent that does not exist",
      change: (catalog: FrameworkCatalog) => (catalog.controls[3]!.parent = "CC42"),
      expected: /soc2-2017\.json: controls\[3\]\.parent: parent "CC42" is not a control id/,
    },
    {
      problem: "a duplicate id",
      change: (catalog: FrameworkCatalog) => (catalog.controls[5]!.id = "CC1.1"),
      expected: /soc2-2017\.json: controls\[5\]\.id: duplicate control id "CC1\.1" \(first at controls\[1\]\)/,
    },
    {
      problem: "parents that form a cycle",
      change: (catalog: FrameworkCatalog) => (catalog.controls[0]!.parent = "CC1.1"),
      expected: /soc2-2017\.json: controls\[0\]\.parent: parents form a cycle: CC1 → CC1\.1 → CC1/,
    },
    {
      problem: "a misspelt field",
      change: (catalog: FrameworkCatalog) => Object.assign(catalog.controls[2]!, { monitoring_relevent: true }),
      expected: /soc2-2017\.json: controls\[2\]: .*monitoring_relevent/,
    },
    {
      problem: "an unknown requirement type",
      change: (catalog: FrameworkCatalog) => Object.assign(catalog.controls[4]!, { requirement_type: "optional" }),
      expected: /soc2-2017\.json: controls\[4\]\.requirement_type: /,
    },
    {
      problem: "an id that is not the file name",
      change: (catalog: FrameworkCatalog) => (catalog.id = "soc2-2022"),
      expected: /soc2-2017\.json: id: expected "soc2-2017" \(the file name without \.json\), got "soc2-2022"/,
    },
  ])("a user file with $problem is an InputError naming the file and path", async ({ change, expected }) => {
    const dir = await userDir({ "soc2-2017.json": await soc2With(change) });
    const error = await loadError("soc2-2017", [dir]);
    expect(error.message).toMatch(expected);
    expect(error.message).toContain(join(dir, "soc2-2017.json"));
  });

  it("refuses invalid JSON, unknown frameworks, odd ids and missing folders", async () => {
    const dir = await userDir({ "soc2-2017.json": "{ not json" });
    expect((await loadError("soc2-2017", [dir])).message).toMatch(/soc2-2017\.json: \(top level\): not valid JSON/);
    expect((await loadError("iso-27001", [])).message).toBe('framework "iso-27001": no iso-27001.json in frameworks/');
    expect((await loadError("../etc/passwd", [])).message).toMatch(/expected lower-case letters/);
    expect((await loadError("soc2-2017", [join(root, "missing")])).message).toMatch(/missing: expected a folder/);
  });
});

describe("listCatalogs", () => {
  it("lists the owned catalogs with their counts in id order, and ATT&CK when its file is shipped", async () => {
    const listing = await listCatalogs();
    const owned = listing.filter((row) => OWNED.includes(row.id));
    expect(owned).toEqual([
      {
        id: "datadog-baseline",
        name: "Datadog security monitoring baseline",
        version: "1",
        controls: 10,
        monitoring_relevant: 10,
        file: "frameworks/datadog-baseline.json",
      },
      {
        id: "hipaa-security-rule",
        name: "HIPAA Security Rule",
        version: "45 CFR 164.308–164.316",
        controls: 70,
        monitoring_relevant: 19,
        file: "frameworks/hipaa-security-rule.json",
      },
      { id: "pci-dss-4.0.1", name: "PCI DSS", version: "4.0.1", controls: 131, monitoring_relevant: 81, file: "frameworks/pci-dss-4.0.1.json" },
      {
        id: "soc2-2017",
        name: "SOC 2 (Trust Services Criteria)",
        version: "2017 (points of focus 2022)",
        controls: 81,
        monitoring_relevant: 22,
        file: "frameworks/soc2-2017.json",
      },
    ]);
    if (existsSync(join(FRAMEWORKS_DIR, "mitre-attack.json"))) {
      const attack = listing.find((row) => row.id === "mitre-attack");
      expect(attack?.file).toBe("frameworks/mitre-attack.json");
      expect(attack?.controls).toBeGreaterThan(100);
      expect(listing).toHaveLength(6);
    } else {
      expect(listing).toHaveLength(5);
    }
  });

  it("takes user catalogs, overrides included, skips JSON files that are not catalogs and counts only live techniques", async () => {
    const root = await mkdtemp(join(tmpdir(), "ddproof-list-"));
    try {
      const soc2 = await shippedJson("soc2-2017");
      soc2.controls = soc2.controls.slice(0, 6);
      await writeFile(join(root, "soc2-2017.json"), JSON.stringify(soc2));
      await writeFile(join(root, "mitre-attack.json"), JSON.stringify({ id: "mitre-attack", name: "ATT&CK", version: "18.1", techniques: [{ id: "T1" }, { id: "T2", revoked: true }, { id: "T3", deprecated: false }] }));
      await writeFile(join(root, "rule-sources.json"), JSON.stringify({ sources: { cloudtrail: ["AWS:CloudTrail"] } }));
      const listing = await listCatalogs([root]);
      expect(listing.map((row) => [row.id, row.controls, row.file])).toEqual([
        ["datadog-baseline", 10, "frameworks/datadog-baseline.json"],
        ["hipaa-security-rule", 70, "frameworks/hipaa-security-rule.json"],
        ["mitre-attack", 2, join(root, "mitre-attack.json")],
        ["nist-800-53-rev5-moderate", 305, "frameworks/nist-800-53-rev5-moderate.json"],
        ["pci-dss-4.0.1", 131, "frameworks/pci-dss-4.0.1.json"],
        ["soc2-2017", 6, join(root, "soc2-2017.json")],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
