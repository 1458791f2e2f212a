/**
 * renderPack from a snapshot file to a written pack, with formats that record
 * the input they are given: what the renderers see (versions, templates,
 * populations, the earlier run) and what the manifest says.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Config } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { readPreviousRun, renderPack } from "../../src/pack/render-pack.js";
import { verifyPack } from "../../src/pack/verify.js";
import type { ReportFormat, ReportInput, ReportKind } from "../../src/report/contract.js";
import { TOOL_VERSION } from "../../src/version.js";
import { buildSnapshot, COLLECTED_AT, PERIOD } from "../assess/fixtures/snapshot-builder.js";
import { scratchDir } from "../helpers/scratch-dir.js";

const THRESHOLDS = Config.parse({}).thresholds;
const INPUTS = { frameworks: ["pci-dss-4.0.1", "mitre-attack"], userDirs: [], attestationsFile: null };

/** A format that writes one file and keeps the input it was given. */
function recordingFormat(id: string, kinds: readonly ReportKind[]): ReportFormat & { seen: ReportInput[] } {
  const seen: ReportInput[] = [];
  return {
    id,
    kinds,
    description: `${id} (test)`,
    seen,
    async render(input) {
      seen.push(input);
      return [{ path: `${id}.txt`, text: `${id} for ${input.kind}\n` }];
    },
  };
}

async function snapshotIn(dir: string, snapshot = buildSnapshot()): Promise<string> {
  const file = join(dir, "snapshot.json");
  await writeFile(file, `${JSON.stringify(snapshot)}\n`);
  return file;
}

async function lines(iterable: AsyncIterable<string> | null): Promise<string[] | null> {
  if (iterable === null) return null;
  const read: string[] = [];
  for await (const line of iterable) read.push(line);
  return read;
}

describe("renderPack", () => {
  it("renders only the formats of the requested kind, and writes a manifest naming the pack", async () => {
    const dir = scratchDir("render-pack");
    const evidence = recordingFormat("evidence-only", ["evidence"]);
    const gap = recordingFormat("gap-only", ["gap"]);
    const both = recordingFormat("both", ["gap", "evidence"]);
    const out = join(dir, "pack");
    const rendered = await renderPack({
      kind: "evidence",
      snapshotFile: await snapshotIn(dir),
      outDir: out,
      inputs: INPUTS,
      thresholds: THRESHOLDS,
      formats: [evidence, gap, both],
    });
    expect([evidence.seen.length, gap.seen.length, both.seen.length]).toEqual([1, 0, 1]);
    expect((await readdir(out)).sort()).toEqual(["both.txt", "evidence-only.txt", "manifest.json"]);
    expect(await readFile(join(out, "both.txt"), "utf8")).toBe("both for evidence\n");
    expect(rendered.manifest).toMatchObject({
      tool: { name: "ddproof", version: TOOL_VERSION },
      kind: "evidence",
      period: PERIOD,
      collected_at: COLLECTED_AT,
      complete: true,
      missing_evidence: [],
      catalogs: { "pci-dss-4.0.1": "4.0.1", "mitre-attack": "18.1" },
    });
    expect(rendered.manifest.files.map((file) => file.path)).toEqual(["both.txt", "evidence-only.txt"]);
    expect((await verifyPack(out)).ok).toBe(true);

    const input = evidence.seen[0]!;
    expect(input.kind).toBe("evidence");
    expect(input.versions).toEqual({ ddproof: TOOL_VERSION, "pci-dss-4.0.1": "4.0.1", "mitre-attack": "18.1" });
    expect(input.catalogs.map((catalog) => catalog.id)).toEqual(["pci-dss-4.0.1"]);
    expect(input.attack?.id).toBe("mitre-attack");
    expect(input.previous).toBeNull();
    expect(input.history).toEqual([]);
    expect(input.thresholds).toEqual(THRESHOLDS);
    // The shipped PDF and HTML templates both reach the renderers.
    expect(Object.keys(input.templates)).toEqual(expect.arrayContaining(["cover", "gap-intro"]));
    expect(Object.keys(input.templates).some((name) => name.startsWith("html"))).toBe(true);
    expect(rendered.assessment.frameworks.map((framework) => framework.id)).toEqual(["pci-dss-4.0.1"]);
    expect(rendered.assessment.attack).not.toBeNull();
    expect(rendered.snapshot.collected_at).toBe(COLLECTED_AT);
  });

  it("lists failed collectors as missing evidence", async () => {
    const dir = scratchDir("render-pack");
    const format = recordingFormat("gap-only", ["gap"]);
    const rendered = await renderPack({
      kind: "gap",
      snapshotFile: await snapshotIn(dir, buildSnapshot({ agents: "error", log_indexes: "error" })),
      outDir: join(dir, "pack"),
      inputs: { frameworks: ["pci-dss-4.0.1"], userDirs: [], attestationsFile: null },
      thresholds: THRESHOLDS,
      formats: [format],
    });
    expect(rendered.manifest.complete).toBe(false);
    expect(rendered.manifest.missing_evidence).toEqual(["log_indexes", "agents"]);
    expect(rendered.manifest.catalogs).toEqual({ "pci-dss-4.0.1": "4.0.1" });
    expect(format.seen[0]!.attack).toBeNull();
  });

  it("replaces an earlier pack when asked, and refuses to otherwise", async () => {
    const dir = scratchDir("render-pack");
    const snapshotFile = await snapshotIn(dir);
    const out = join(dir, "pack");
    const options = {
      kind: "gap" as const,
      snapshotFile,
      outDir: out,
      inputs: INPUTS,
      thresholds: THRESHOLDS,
      formats: [recordingFormat("gap-only", ["gap"])],
    };
    await renderPack(options);
    await expect(renderPack(options)).rejects.toThrow(/a pack already exists there/);
    const again = await renderPack({ ...options, replace: true, formats: [recordingFormat("second", ["gap"])] });
    expect(again.manifest.files.map((file) => file.path)).toEqual(["second.txt"]);
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "second.txt"]);
  });

  it("stops before writing anything when aborted", async () => {
    const dir = scratchDir("render-pack");
    const controller = new AbortController();
    controller.abort(new Error("stopping"));
    await expect(
      renderPack({
        kind: "gap",
        snapshotFile: await snapshotIn(dir),
        outDir: join(dir, "pack"),
        inputs: INPUTS,
        thresholds: THRESHOLDS,
        formats: [recordingFormat("gap-only", ["gap"])],
        signal: controller.signal,
      }),
    ).rejects.toThrow("stopping");
    expect(await readdir(dir)).toEqual(["snapshot.json"]);
  });

  it("opens population files beside the snapshot by plain name only, skipping blank lines", async () => {
    const dir = scratchDir("render-pack");
    await writeFile(join(dir, "signals.jsonl"), '{"id":1}\n\n{"id":"é"}\n');
    await writeFile(join(dir, "trailing."), "kept\n");
    await writeFile(join(dir, ".hidden"), "secret\n");
    await mkdir(join(dir, "sub"));
    await writeFile(join(dir, "sub", "inner.jsonl"), "inner\n");
    const format = recordingFormat("gap-only", ["gap"]);
    await renderPack({
      kind: "gap",
      snapshotFile: await snapshotIn(dir),
      outDir: join(dir, "pack"),
      inputs: INPUTS,
      thresholds: THRESHOLDS,
      formats: [format],
    });
    const open = format.seen[0]!.openPopulation;
    expect(await lines(open("signals.jsonl"))).toEqual(['{"id":1}', '{"id":"é"}']);
    expect(await lines(open("trailing."))).toEqual(["kept"]);
    expect(open(".hidden")).toBeNull();
    expect(open("sub/inner.jsonl")).toBeNull();
    expect(open("../signals.jsonl")).toBeNull();
    expect(open("absent.jsonl")).toBeNull();
  });

  it("hands the renderers an earlier pack and the job's history", async () => {
    const dir = scratchDir("render-pack");
    const snapshotFile = await snapshotIn(dir);
    const earlier = join(dir, "2026-Q2");
    const first = await renderPack({
      kind: "gap",
      snapshotFile,
      outDir: join(dir, "first"),
      inputs: INPUTS,
      thresholds: THRESHOLDS,
      formats: [recordingFormat("gap-only", ["gap"])],
    });
    await mkdir(earlier);
    // The names every pack carries its inputs under.
    await writeFile(join(earlier, "snapshot.json"), JSON.stringify(first.snapshot));
    await writeFile(join(earlier, "assessment.json"), JSON.stringify(first.assessment));
    const history = [
      {
        collected_at: "2026-07-01T06:00:00Z",
        attack_covered: 1,
        attack_total: 2,
        controls_passing: { "pci-dss-4.0.1": 3 },
        controls_total: { "pci-dss-4.0.1": 4 },
      },
    ];
    const format = recordingFormat("gap-only", ["gap"]);
    await renderPack({
      kind: "gap",
      snapshotFile,
      outDir: join(dir, "second"),
      inputs: INPUTS,
      thresholds: THRESHOLDS,
      previousDir: earlier,
      history,
      formats: [format],
    });
    const input = format.seen[0]!;
    expect(input.previous?.label).toBe("2026-Q2");
    expect(input.previous?.assessment).toEqual(first.assessment);
    expect(input.previous?.snapshot).toEqual(first.snapshot);
    expect(input.history).toEqual(history);
  });
});

describe("readPreviousRun", () => {
  it("names the file when the assessment is missing or not JSON", async () => {
    const dir = scratchDir("render-pack");
    await snapshotIn(dir);
    const file = join(dir, "assessment.json");
    const missing = readPreviousRun(dir);
    await expect(missing).rejects.toThrow(InputError);
    await expect(missing).rejects.toThrow(`${file}: cannot read the earlier pack's assessment (ENOENT)`);
    await writeFile(file, "{ not json");
    const broken = readPreviousRun(dir);
    await expect(broken).rejects.toThrow(InputError);
    await expect(broken).rejects.toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\(top level\\): not valid JSON \\(.+\\)$`),
    );
  });
});
