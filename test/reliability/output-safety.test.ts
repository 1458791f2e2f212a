/**
 * What ddproof writes is safe to open: names from the org that look like
 * spreadsheet formulas are neutralised in every CSV, names that look like
 * markup are escaped in report.html, the PDFs carry no actions, links or
 * embedded files, names never steer a path outside the pack or the snapshot's
 * folder, and packs and snapshots are not world-readable. The org's names are
 * crafted by collecting a snapshot and editing it, as an attacker who can
 * name a detection rule or a host would.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPdf } from "../../src/report/pdf/render-pdf.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { PACKAGE_ROOT } from "../../src/version.js";
import { pdfText } from "../helpers/pdf.js";
import { cli } from "../helpers/run-cli.js";
import { csvRecords, parseCsv } from "../report/data/fixtures/parse-csv.js";
import { collectSnapshotFile, readJson, writeJson } from "./fixtures/collected-snapshot.js";
import { entriesUnder, filesUnder } from "./fixtures/files.js";

/** Rule names an attacker with rule-editing rights could choose. */
const FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1"];
const MARKUP = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", '"><svg onload=alert(3)>'];
const HOST_FORMULA = "=cmd|'/C calc'!A0";
/** PDF names for what opens a link, runs code, submits data or carries a file. */
const PDF_ACTIONS =
  /\/(URI|Launch|JavaScript|JS|GoToR|GoToE|SubmitForm|ImportData|EmbeddedFiles?|RichMedia|OpenAction|AA)\b/;
const BASELINE_CATALOG = join(PACKAGE_ROOT, "frameworks", "datadog-baseline.json");

let dir: string;
let config: string;
let crafted: string;
let original: Snapshot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-output-"));
  config = join(dir, "ddproof.yaml");
  await writeFile(config, "frameworks: [pci-dss-4.0.1, mitre-attack]\n");
  await mkdir(join(dir, "collected"));
  await collectSnapshotFile(join(dir, "collected", "snapshot.json"));
  original = (await readJson(join(dir, "collected", "snapshot.json"))) as Snapshot;

  // Rename enabled rules that carry ATT&CK techniques, so the names reach every view.
  const snapshot = structuredClone(original);
  if (snapshot.collectors.rules.status !== "ok" || snapshot.collectors.agents.status !== "ok")
    throw new Error("the collection failed");
  const shown = snapshot.collectors.rules.data.rules.filter(
    (rule) => rule.enabled && rule.tags.some((tag) => tag.startsWith("technique:")),
  );
  [...FORMULAS, ...MARKUP].forEach((name, i) => (shown[i]!.name = name));
  snapshot.collectors.agents.data.hosts[0]!.hostname = HOST_FORMULA;
  await mkdir(join(dir, "crafted"));
  crafted = join(dir, "crafted", "snapshot.json");
  await writeJson(crafted, snapshot);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function report(snapshot: string, kind: string, out: string, extra: string[] = []) {
  return cli(["report", "--config", config, "--snapshot", snapshot, "--kind", kind, "--out", out, ...extra]);
}

describe("a pack made from a snapshot with hostile names", () => {
  const out = () => join(dir, "evidence");

  beforeAll(async () => {
    const run = await report(crafted, "evidence", out());
    expect(run.code, run.stderr).toBe(0);
  });

  it("CSV: every cell a spreadsheet would run as a formula is neutralised, in every file of the pack", async () => {
    const csvs = (await filesUnder(out())).filter((file) => file.endsWith(".csv"));
    expect(csvs.length).toBeGreaterThan(4);
    const risky: string[] = [];
    for (const file of csvs) {
      for (const cell of parseCsv(await readFile(file, "utf8")).flat()) {
        // A plain number (a negative count) is data, not a formula.
        if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) risky.push(`${file}: ${cell}`);
      }
    }
    expect(risky).toEqual([]);
  });

  it("CSV: the names themselves are kept, shown with a leading apostrophe", async () => {
    const rules = csvRecords(await readFile(join(out(), "populations", "rules.csv"), "utf8"));
    const names = rules.map((row) => row.name);
    for (const name of FORMULAS) expect(names).toContain(`'${name}`);
    const agents = csvRecords(await readFile(join(out(), "populations", "agents.csv"), "utf8"));
    expect(agents.map((row) => row.hostname)).toContain(`'${HOST_FORMULA}`);
  });

  it("HTML: markup in names is escaped in the page and cannot end the data block", async () => {
    const html = await readFile(join(out(), "report.html"), "utf8");
    for (const name of MARKUP) {
      expect(html).not.toContain(name);
      // In the JSON data block every <, > and quote is escaped.
      expect(html).toContain(JSON.stringify(name).slice(1, -1).replace(/</g, "\\u003c").replace(/>/g, "\\u003e"));
    }
    // In the page itself, as HTML entities.
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    // Only the page's own two blocks: the data and the script.
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it("PDF: the names print as plain text, and the file has no actions, links or embedded files", async () => {
    const bytes = await readFile(join(out(), "evidence-pack.pdf"));
    expect((await pdfText(bytes)).replace(/\s+/g, " ")).toContain("(<img src=x onerror=alert(1)>)");
    expect(bytes.toString("latin1")).not.toMatch(PDF_ACTIONS);
  });

  it("permissions: pack files 0640, folders 0750, nothing world-readable", async () => {
    const entries = await entriesUnder(out());
    expect(entries.filter((entry) => !entry.isDirectory).map((entry) => [entry.path, entry.mode.toString(8)])).toEqual(
      entries.filter((entry) => !entry.isDirectory).map((entry) => [entry.path, "640"]),
    );
    expect(entries.filter((entry) => entry.isDirectory).map((entry) => entry.mode.toString(8))).toEqual(
      entries.filter((entry) => entry.isDirectory).map(() => "750"),
    );
  });
});

describe("PDFs of every kind", () => {
  it("a document definition with a link outside the document is refused before rendering", async () => {
    const doc = {
      content: [{ text: "see", link: "https://example.com/exfiltrate" }],
      info: { creationDate: new Date(0) },
    };
    await expect(renderPdf(doc)).rejects.toThrow(/^pdf: content\[0\]\.link: reports may not link outside the document/);
  });

  it.each(["gap", "attack"])("%s: no actions, links or embedded files", async (kind) => {
    const out = join(dir, `pdf-${kind}`);
    const run = await report(crafted, kind, out);
    expect(run.code, run.stderr).toBe(0);
    const pdfs = (await filesUnder(out)).filter((file) => file.endsWith(".pdf"));
    expect(pdfs).toHaveLength(1);
    expect((await readFile(pdfs[0]!)).toString("latin1")).not.toMatch(PDF_ACTIONS);
  });
});

describe("permissions of what collect writes", () => {
  it("the snapshot and its signal population are not world-readable, whatever the umask", async () => {
    const previous = process.umask(0o000);
    try {
      await mkdir(join(dir, "umask0"));
      await collectSnapshotFile(join(dir, "umask0", "snapshot.json"));
    } finally {
      process.umask(previous);
    }
    const modes = (await entriesUnder(join(dir, "umask0"))).map((entry) => [entry.path, entry.mode.toString(8)]);
    expect(modes).toEqual([
      ["signals.jsonl", "640"],
      ["snapshot.json", "640"],
    ]);
  });
});

describe("where the pack goes", () => {
  it("an output folder under a regular file is refused before rendering, naming both", async () => {
    await writeFile(join(dir, "plain-file"), "not a folder\n");
    const out = join(dir, "plain-file", "pack");
    const run = await report(crafted, "gap", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ddproof: ${out}: cannot write a pack there: ${join(dir, "plain-file")} is not a folder`);
  });

  it("a folder that holds something other than a pack is refused, and left as it was", async () => {
    const out = join(dir, "someone-elses");
    await mkdir(out);
    await writeFile(join(out, "notes.txt"), "mine\n");
    const run = await report(crafted, "gap", out, ["--force"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ddproof: ${out}: exists and is not a ddproof pack; choose an empty or new folder`);
    expect(await readFile(join(out, "notes.txt"), "utf8")).toBe("mine\n");
    expect((await entriesUnder(out)).map((entry) => entry.path)).toEqual(["notes.txt"]);
  });
});

describe("names that would steer a path", () => {
  it("--framework ../../evil is refused before anything is read or written", async () => {
    const out = join(dir, "never-1");
    const run = await report(crafted, "gap", out, ["--framework", "../../evil"]);
    expect(run.code).toBe(2);
    // Framework ids are those found in frameworks/ and the extension folders; nothing is read by the given name.
    expect(run.stderr).toContain('--framework: unknown framework "../../evil"; available: ');
    expect(existsSync(out)).toBe(false);
  });

  it("an attestation naming framework ../../evil is refused at its path, even with a catalog waiting there", async () => {
    // Where a loader joining `<dir>/<framework>.json` would land.
    const user = join(dir, "a", "b", "mappings");
    await mkdir(user, { recursive: true });
    await writeFile(join(dir, "a", "evil.json"), await readFile(BASELINE_CATALOG, "utf8"));
    const attestations = join(dir, "attestations.yaml");
    await writeFile(
      attestations,
      '- control: { framework: "../../evil", id: "1" }\n  type: evidence\n  owner: x\n  reason: y\n  date: 2026-01-01\n  expires: 2027-01-01\n',
    );
    const out = join(dir, "never-2");
    const run = await report(crafted, "gap", out, ["--mappings", user, "--attestations", attestations]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${attestations}: [0].control.framework: expected lower-case letters, digits, dots and dashes`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("a user catalog whose id climbs out is refused, naming the file", async () => {
    const user = join(dir, "climbing-catalog");
    await mkdir(user);
    const shipped = JSON.parse(await readFile(BASELINE_CATALOG, "utf8")) as Record<string, unknown>;
    await writeFile(join(user, "datadog-baseline.json"), JSON.stringify({ ...shipped, id: "../../evil" }));
    const out = join(dir, "never-3");
    const run = await report(crafted, "gap", out, ["--mappings", user, "--framework", "datadog-baseline"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${join(user, "datadog-baseline.json")}: id: expected lower-case letters, digits, dots and dashes`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["climbs out of the snapshot's folder", "../outside.jsonl"],
    ["is absolute", "/etc/passwd"],
  ])("a signal population file name that %s is never read into the pack", async (_name, population) => {
    const base = join(dir, `population-${population.length}`);
    await mkdir(join(base, "snapshot"), { recursive: true });
    await writeFile(join(base, "outside.jsonl"), '{"id":"OUTSIDE-MARKER","timestamp":"2026-11-15T00:00:00.000Z"}\n');
    const snapshot = structuredClone(original);
    if (snapshot.collectors.signals.status !== "ok") throw new Error("signals failed");
    snapshot.collectors.signals.data.population_file = population;
    await writeJson(join(base, "snapshot", "snapshot.json"), snapshot);
    const out = join(base, "pack");
    const run = await cli([
      "report",
      "--config",
      config,
      "--snapshot",
      join(base, "snapshot", "snapshot.json"),
      "--kind",
      "evidence",
      "--out",
      out,
      "--framework",
      "pci-dss-4.0.1",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, "populations", "signals.csv"))).toBe(false);
    for (const file of await filesUnder(out)) {
      const text = await readFile(file, "latin1");
      expect(text, file).not.toContain("OUTSIDE-MARKER");
      expect(text, file).not.toContain("root:x:0:0");
    }
  });
});
