/**
 * The history chain on small packs written here (a file or two each, linked
 * with `chainLinkFor` as a run links its pack), checked with `verifyHistory`
 * in this process: an intact history and its counts, retention's recorded
 * removals, and each way a run removed, replaced, reordered or altered by
 * hand is named, with its exact wording. The whole-job version is
 * history-chain.test.ts.
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { ChainLink } from "../../src/pack/manifest.js";
import { SIGNATURE_FILE } from "../../src/pack/sign.js";
import { type PackHeader, writePack } from "../../src/pack/write-pack.js";
import { chainLinkFor, compareRunIds, verifyHistory } from "../../src/schedule/history-chain.js";
import { INDEX_FORMAT, type RunIndex, writeRunIndex } from "../../src/schedule/history-index.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { runEntry } from "./run-entry.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");

const A = "2026-11-01T020000Z";
const B = "2026-11-02T020000Z";
const C = "2026-11-03T020000Z";
const D = "2026-11-04T020000Z";

const HEADER: PackHeader = {
  tool: { name: "ddproof", version: "0.1.0" },
  kind: "gap",
  period: { label: "last-24h", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z", timezone: "UTC" },
  collected_at: "2026-11-02T00:00:01Z",
  complete: true,
  missing_evidence: [],
  catalogs: {},
};

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const manifestSha = (dir: string) => sha256(readFileSync(join(dir, "manifest.json")));

function index(job: string, ids: string[], retentionRemoved?: string[]): RunIndex {
  return {
    format: INDEX_FORMAT,
    job,
    kind: "gap",
    // Started a minute apart, in the order given.
    runs: ids.map((id, i) => runEntry(id, new Date(Date.UTC(2026, 10, 1, 2, i)).toISOString())),
    ...(retentionRemoved ? { retention_removed: retentionRemoved } : {}),
  };
}

interface RunSpec {
  id: string;
  /** The link written instead of the one `chainLinkFor` makes; null for a pack without one. */
  link?: Partial<ChainLink> | null;
  /** Retention removals recorded before this run (the index's list when it is written). */
  removed?: string[];
  signed?: "own" | "other" | false;
}

/**
 * Writes the runs oldest first into `jobDir`, each linked as a scheduled run
 * links its pack, and the index listing them all, as the job leaves it.
 */
async function history(jobDir: string, job: string, runs: RunSpec[], indexRemoved?: string[]): Promise<void> {
  const written: string[] = [];
  for (const run of runs) {
    const made = await chainLinkFor(jobDir, job, index(job, written, run.removed), run.id);
    const chain = run.link === null ? undefined : { ...made, ...run.link };
    const signingKey = run.signed === false ? null : run.signed === "other" ? other.privateKey : privateKey;
    await writePack(
      join(jobDir, run.id),
      [
        { path: "gaps.csv", text: `gaps of ${run.id}\n` },
        { path: "data/assessment.json", text: "{}\n" },
      ],
      { ...HEADER, ...(chain ? { chain } : {}) },
      { signingKey },
    );
    written.push(run.id);
  }
  await writeRunIndex(jobDir, index(job, written, indexRemoved));
}

async function jobHistory(runs: RunSpec[], indexRemoved?: string[], job = "nightly"): Promise<string> {
  const jobDir = join(scratchDir("history-verify"), job);
  await history(jobDir, job, runs, indexRemoved);
  return jobDir;
}

describe("compareRunIds", () => {
  it("orders by time, then a same-second suffix by number", () => {
    expect(compareRunIds(A, B)).toBeLessThan(0);
    expect(compareRunIds(B, A)).toBeGreaterThan(0);
    expect(compareRunIds(A, A)).toBe(0);
    expect(compareRunIds(A, `${A}-2`)).toBe(-1);
    expect(compareRunIds(`${A}-2`, A)).toBe(1);
    expect(compareRunIds(`${A}-2`, `${A}-10`)).toBe(-8);
    expect(compareRunIds(`${A}-10`, `${A}-2`)).toBe(8);
    expect(compareRunIds(`${A}-10`, `${B}-2`)).toBe(-1);
    expect([`${A}-10`, B, `${A}-2`, A].sort(compareRunIds)).toEqual([A, `${A}-2`, `${A}-10`, B]);
  });

  it("compares names that are not run ids as whole text", () => {
    expect(compareRunIds("b", "a")).toBe(1);
    expect(compareRunIds("a", "b")).toBe(-1);
    expect(compareRunIds("a", "a")).toBe(0);
    expect(compareRunIds("a-2", "a-10")).toBe(1);
    // A Z that does not end the name (or its suffix) does not make it a run id.
    expect(compareRunIds("2026Zb", "2026Za")).toBe(1);
    expect(compareRunIds("2026Za", "2026Zb")).toBe(-1);
  });
});

describe("chainLinkFor", () => {
  it("links a first run to nothing, and copies the index's retention removals", async () => {
    const jobDir = scratchDir("history-verify");
    const removals = [A];
    const idx = index("nightly", [], removals);
    const link = await chainLinkFor(jobDir, "nightly", idx, B);
    expect(link).toEqual({ job: "nightly", run: B, previous: null, retention_removed: [A] });
    link.retention_removed.push(C);
    expect(removals).toEqual([A]);
    expect((await chainLinkFor(jobDir, "nightly", index("nightly", []), B)).retention_removed).toEqual([]);
  });

  it("links to the newest run with a pack and its manifest's SHA-256, or null when it cannot be read", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B }]);
    const idx = index("nightly", [A, B]);
    idx.runs.push(runEntry(C, "2026-11-03T02:00:00Z", { status: "failed", pack_dir: null }));
    expect(await chainLinkFor(jobDir, "nightly", idx, D)).toEqual({
      job: "nightly",
      run: D,
      previous: { run: B, manifest_sha256: manifestSha(join(jobDir, B)) },
      retention_removed: [],
    });
    rmSync(join(jobDir, B), { recursive: true });
    expect((await chainLinkFor(jobDir, "nightly", idx, D)).previous).toEqual({ run: B, manifest_sha256: null });
  });
});

describe("verifyHistory on an intact history", () => {
  it("reads the run folders in run order, a suffix by number, and nothing else", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: `${A}-2` }, { id: `${A}-10` }, { id: B }]);
    mkdirSync(join(jobDir, "notes"));
    mkdirSync(join(jobDir, ".2026-11-05T020000Z.work"));
    writeFileSync(join(jobDir, C), "a file with a run's name\n");
    expect(await verifyHistory(jobDir, { publicKey })).toEqual({
      job: "nightly",
      runs: [A, `${A}-2`, `${A}-10`, B],
      chained: 4,
      retentionRemoved: [],
      signatures: { valid: 4 },
      problem: null,
    });
  });

  it("passes a chain written in order, signed or not", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: `${A}-2` }, { id: B }]);
    expect(await verifyHistory(jobDir, { publicKey })).toEqual({
      job: "nightly",
      runs: [A, `${A}-2`, B],
      chained: 3,
      retentionRemoved: [],
      signatures: { valid: 3 },
      problem: null,
    });
    expect((await verifyHistory(jobDir)).signatures).toEqual({ "not-checked": 3 });
    expect((await verifyHistory(jobDir, { publicKey: null })).signatures).toEqual({ "not-checked": 3 });
    const unsigned = await jobHistory([
      { id: A, signed: false },
      { id: B, signed: false },
    ]);
    expect(await verifyHistory(unsigned)).toMatchObject({ signatures: { unsigned: 2 }, problem: null, chained: 2 });
  });

  it("passes packs written before the chain, then chained ones", async () => {
    const jobDir = await jobHistory([{ id: A, link: null }, { id: B, link: null }, { id: C }]);
    expect(await verifyHistory(jobDir)).toMatchObject({
      runs: [A, B, C],
      chained: 1,
      retentionRemoved: [],
      problem: null,
    });
  });

  it("passes an empty job folder", async () => {
    const jobDir = scratchDir("history-verify");
    expect(await verifyHistory(jobDir)).toEqual({
      job: jobDir.split("/").at(-1),
      runs: [],
      chained: 0,
      retentionRemoved: [],
      signatures: {},
      problem: null,
    });
  });

  it("passes retention's removals recorded in manifests and in the index, listed in run order", async () => {
    // Retention removed before C was written, and B after D was.
    const jobDir = await jobHistory(
      [{ id: `${A}-2` }, { id: `${A}-10` }, { id: B }, { id: C, removed: [`${A}-10`, `${A}-2`] }, { id: D }],
      [B],
    );
    for (const id of [`${A}-2`, `${A}-10`, B]) rmSync(join(jobDir, id), { recursive: true });
    expect(await verifyHistory(jobDir)).toEqual({
      job: "nightly",
      runs: [C, D],
      chained: 2,
      retentionRemoved: [`${A}-2`, `${A}-10`, B],
      signatures: { "not-checked": 2 },
      problem: null,
    });
  });
});

describe("verifyHistory between a kept run and a removed one", () => {
  it("passes a run whose predecessor retention removed, after an older kept run", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B }, { id: C, removed: [B] }]);
    rmSync(join(jobDir, B), { recursive: true });
    expect(await verifyHistory(jobDir)).toMatchObject({ runs: [A, C], retentionRemoved: [B], problem: null });
  });
});

describe("verifyHistory names the first break", () => {
  it("a run removed outside retention", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B }, { id: C }]);
    rmSync(join(jobDir, B), { recursive: true });
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: B,
      kind: "removed",
      detail: `removed outside retention: ${C} records it as its predecessor, and no run records its removal by retention`,
    });
  });

  it("the newest run removed while the index lists it, unless retention recorded it", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B }]);
    rmSync(join(jobDir, B), { recursive: true });
    expect(await verifyHistory(jobDir)).toMatchObject({
      runs: [A],
      problem: {
        run: B,
        kind: "removed",
        detail:
          "removed outside retention: index.json lists its pack, the folder is gone, and no run records its removal",
      },
    });
    const recorded = await jobHistory([{ id: A }, { id: B }], [B]);
    rmSync(join(recorded, B), { recursive: true });
    expect(await verifyHistory(recorded)).toMatchObject({ retentionRemoved: [B], problem: null });
  });

  it("a replaced run whose manifest is not the one its successor recorded", async () => {
    const jobDir = await jobHistory([
      { id: A },
      { id: B, link: { previous: { run: A, manifest_sha256: "ab".repeat(32) } } },
    ]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: A,
      kind: "replaced",
      detail: `its manifest.json is not the one ${B} recorded (SHA-256 abababababab…)`,
    });
  });

  it("a pack there now that its successor recorded as unreadable", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B, link: { previous: { run: A, manifest_sha256: null } } }]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: A,
      kind: "replaced",
      detail: `${B} recorded its pack as unreadable, yet a pack is there now`,
    });
  });

  it("a pack without a link after one with a link", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B, link: null }]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: B,
      kind: "replaced",
      detail: `its pack has no history link, yet ${A} before it has one`,
    });
  });

  it("a pack of another job", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B, link: { job: "weekly" } }]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: B,
      kind: "replaced",
      detail: 'its pack belongs to job "weekly"',
    });
  });

  it("a folder holding another run's pack", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: C, link: { run: B } }]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: C,
      kind: "reordered",
      detail: `the folder holds the pack of run ${B} (runs moved or swapped)`,
    });
  });

  it("a run before one that records itself as the job's first", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B, link: { previous: null } }]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: A,
      kind: "reordered",
      detail: `it precedes ${B}, which records itself as the job's first run`,
    });
  });

  it("a run recording a later run, or itself, as its predecessor", async () => {
    for (const recorded of [C, B]) {
      const jobDir = await jobHistory([
        { id: A },
        { id: B, link: { previous: { run: recorded, manifest_sha256: null } } },
      ]);
      expect((await verifyHistory(jobDir)).problem).toEqual({
        run: B,
        kind: "reordered",
        detail: `it records ${recorded}, a later run, as its predecessor`,
      });
    }
  });

  it("a run between two that are linked to each other", async () => {
    const jobDir = await jobHistory([
      { id: A },
      { id: B },
      { id: C, link: { previous: { run: A, manifest_sha256: null } } },
    ]);
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: B,
      kind: "reordered",
      detail: `it sits between ${A} and ${C}, which records ${A} as its predecessor`,
    });
  });

  it("a run newer than a predecessor retention removed, before the run that records it", async () => {
    const jobDir = await jobHistory([
      { id: A },
      { id: B },
      { id: C, removed: [A], link: { previous: { run: A, manifest_sha256: null } } },
    ]);
    rmSync(join(jobDir, A), { recursive: true });
    expect((await verifyHistory(jobDir)).problem).toEqual({
      run: B,
      kind: "reordered",
      detail: `it sits between ${A} and ${C}, which follows ${A}`,
    });
  });

  it("a pack that does not verify, with each difference named", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B }]);
    rmSync(join(jobDir, B, SIGNATURE_FILE));
    writeFileSync(join(jobDir, B, "gaps.csv"), "edited\n");
    rmSync(join(jobDir, B, "data", "assessment.json"));
    writeFileSync(join(jobDir, B, "extra.txt"), "added\n");
    expect(await verifyHistory(jobDir, { publicKey })).toEqual({
      job: "nightly",
      runs: [A, B],
      chained: 0,
      retentionRemoved: [],
      signatures: { valid: 1, missing: 1 },
      problem: {
        run: B,
        kind: "altered",
        detail:
          "its pack does not verify: signature missing, changed gaps.csv, missing data/assessment.json, added extra.txt",
      },
    });
    // Without a key the signature is not named.
    expect((await verifyHistory(jobDir)).problem?.detail).toBe(
      "its pack does not verify: changed gaps.csv, missing data/assessment.json, added extra.txt",
    );
  });

  it("a pack signed with another key, and one whose manifest no longer reads", async () => {
    const jobDir = await jobHistory([{ id: A }, { id: B, signed: "other" }]);
    expect(await verifyHistory(jobDir, { publicKey })).toMatchObject({
      signatures: { valid: 1, bad: 1 },
      problem: { run: B, kind: "altered", detail: "its pack does not verify: signature bad" },
    });
    writeFileSync(join(jobDir, A, "manifest.json"), "not json");
    expect((await verifyHistory(jobDir, { publicKey })).problem).toEqual({
      run: A,
      kind: "altered",
      detail: "its pack does not verify: signature bad, changed manifest.json",
    });
    // Without a key a manifest that does not read is an error, named as such.
    const problem = (await verifyHistory(jobDir)).problem;
    expect(problem).toMatchObject({ run: A, kind: "altered" });
    expect(problem?.detail).toContain(join(jobDir, A, "manifest.json"));
  });

  it("an index that is not JSON or cannot be read, named with the file", async () => {
    const jobDir = await jobHistory([{ id: A }]);
    const file = join(jobDir, "index.json");
    writeFileSync(file, "{ not json");
    const message = await verifyHistory(jobDir).then(
      () => "",
      (caught: Error) => caught.message,
    );
    expect(message).toMatch(/: \(top level\): not valid JSON \(.*\)$/);
    expect(message.startsWith(`${file}: (top level): not valid JSON (`)).toBe(true);
    rmSync(file);
    mkdirSync(file);
    await expect(verifyHistory(jobDir)).rejects.toThrow(`${file}: cannot read the run index (EISDIR)`);
  });

  it("a job folder that cannot be read", async () => {
    const missing = join(scratchDir("history-verify"), "nope");
    const error = await verifyHistory(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${missing}: cannot read the job's folder (ENOENT)`);
  });
});

describe("verifyHistory of one history of a fleet job", () => {
  it("expects links named <job>/<org>, as the index or the oldest link says", async () => {
    const root = scratchDir("history-verify");
    const orgDir = join(root, "fleet-nightly", "ap-south");
    await history(orgDir, "fleet-nightly/ap-south", [{ id: A }, { id: B }]);
    expect(await verifyHistory(orgDir)).toMatchObject({ job: "fleet-nightly/ap-south", problem: null });
    rmSync(join(orgDir, "index.json"));
    expect(await verifyHistory(orgDir)).toMatchObject({ job: "fleet-nightly/ap-south", problem: null });
  });

  it("expects the folder's own name when neither reading is named", async () => {
    const root = scratchDir("history-verify");
    const orgDir = join(root, "fleet-nightly", "ap-south");
    await history(orgDir, "weekly/ap-south", [{ id: A }]);
    expect(await verifyHistory(orgDir)).toMatchObject({
      job: "ap-south",
      problem: { run: A, kind: "replaced", detail: 'its pack belongs to job "weekly/ap-south"' },
    });
  });

  it("takes the index's name over the oldest link's, either way round", async () => {
    const root = scratchDir("history-verify");
    const orgDir = join(root, "fleet-nightly", "ap-south");
    await history(orgDir, "ap-south", [{ id: A }]);
    await writeRunIndex(orgDir, index("fleet-nightly/ap-south", [A]));
    expect(await verifyHistory(orgDir)).toMatchObject({
      job: "fleet-nightly/ap-south",
      problem: { run: A, kind: "replaced", detail: 'its pack belongs to job "ap-south"' },
    });
    const euWest = join(root, "fleet-nightly", "eu-west");
    await history(euWest, "fleet-nightly/eu-west", [{ id: A }]);
    await writeRunIndex(euWest, index("eu-west", [A]));
    expect(await verifyHistory(euWest)).toMatchObject({
      job: "eu-west",
      problem: { run: A, kind: "replaced", detail: 'its pack belongs to job "fleet-nightly/eu-west"' },
    });
  });
});
