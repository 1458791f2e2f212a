/**
 * From a snapshot to a written pack: assess it, render every format of the
 * requested kind, and write the pack atomically with its manifest. Used by
 * `report`, `pack`, `demo` and scheduled jobs. Offline: it never talks to
 * Datadog.
 */
import type { KeyObject } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { ATTACK_FRAMEWORK_ID } from "../assess/attestations.js";
import { assess } from "../assess/index.js";
import { type InputFiles, loadAssessInputs } from "../assess/load-inputs.js";
import { Assessment } from "../assess/schema.js";
import type { Thresholds } from "../config/schema.js";
import { parseOrThrow } from "../errors.js";
import type { OrgName } from "../fleet/org-name.js";
import { readJsonFile } from "../io/read-json.js";
import { makePlan, type Plan } from "../plan/plan.js";
import type {
  PreviousRun,
  RenderedFile,
  ReportFormat,
  ReportInput,
  ReportKind,
  RunTrendPoint,
} from "../report/contract.js";
import { ASSESSMENT_JSON } from "../report/formats/assessment-json.js";
import { REPORT_FORMATS } from "../report/formats/index.js";
import { SNAPSHOT_JSON } from "../report/formats/snapshot-json.js";
import { mappingDigests } from "../report/mapping-digests.js";
import { loadTemplates } from "../report/template-loader.js";
import { readSnapshot } from "../snapshot/read.js";
import { COLLECTOR_IDS, type Snapshot } from "../snapshot/schema.js";
import { TOOL_VERSION } from "../version.js";
import type { ChainLink, Manifest } from "./manifest.js";
import { checkPackDestination, writePack } from "./write-pack.js";

export interface RenderPackOptions {
  kind: ReportKind;
  snapshotFile: string;
  outDir: string;
  inputs: InputFiles;
  thresholds: Thresholds;
  /** An earlier pack folder to compare with. */
  previousDir?: string | null;
  templatesDir?: string | null;
  replace?: boolean;
  formats?: readonly ReportFormat[];
  /** Earlier runs of the same job, for trend charts. */
  history?: readonly RunTrendPoint[];
  /** Abandons rendering (e.g. on SIGTERM); the destination is left as it was. */
  signal?: AbortSignal;
  /** Signs the manifest into manifest.json.sig. */
  signingKey?: KeyObject | null;
  /** A scheduled run's link to the job's previous run, recorded in the manifest. */
  chain?: ChainLink;
  /** The org of a fleet this pack is of (`--org`, `--all-orgs`), recorded in the manifest. */
  org?: OrgName | null;
}

export interface RenderedPack {
  manifest: Manifest;
  assessment: Assessment;
  snapshot: Snapshot;
  /** The next actions, for a gap pack; null for other kinds. */
  plan: Plan | null;
}

/** Streams a population file from beside the snapshot, line by line. Names are plain file names only. */
function populationReader(snapshotDir: string): (name: string) => AsyncIterable<string> | null {
  return (name) => {
    if (basename(name) !== name || name.startsWith(".")) return null;
    const path = join(snapshotDir, name);
    if (!existsSync(path)) return null;
    return {
      async *[Symbol.asyncIterator]() {
        const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
        for await (const line of lines) if (line) yield line;
      },
    };
  };
}

/** Reads the snapshot and assessment an earlier pack carries. */
export async function readPreviousRun(dir: string): Promise<PreviousRun> {
  const snapshot = await readSnapshot(join(dir, SNAPSHOT_JSON));
  const file = join(dir, ASSESSMENT_JSON);
  const json = await readJsonFile(file, "the earlier pack's assessment");
  return { snapshot, assessment: parseOrThrow(Assessment, json, file), label: basename(resolve(dir)) };
}

export async function renderPack(options: RenderPackOptions): Promise<RenderedPack> {
  // Every input is read and checked before anything is written.
  const snapshot = await readSnapshot(options.snapshotFile);
  const loaded = await loadAssessInputs(options.inputs);
  const templates = await loadTemplates(options.templatesDir ?? null);
  const previous = options.previousDir ? await readPreviousRun(options.previousDir) : null;
  await checkPackDestination(options.outDir, { replace: options.replace });
  const assessInput = {
    snapshot,
    ...loaded,
    thresholds: options.thresholds,
    frameworks: [...options.inputs.frameworks],
  };
  const assessment = assess(assessInput);
  // The gap report ends with what to do next: the ranked actions of `ddproof plan`.
  const plan = options.kind === "gap" ? makePlan(assessInput) : null;

  const versions: Record<string, string> = { ddproof: TOOL_VERSION };
  for (const catalog of loaded.catalogs) versions[catalog.id] = catalog.version;
  if (loaded.attack) versions[loaded.attack.id] = loaded.attack.version;

  const input: ReportInput = {
    kind: options.kind,
    snapshot,
    assessment,
    catalogs: loaded.catalogs,
    attack: loaded.attack,
    thresholds: options.thresholds,
    templates,
    previous,
    history: options.history ?? [],
    openPopulation: populationReader(dirname(resolve(options.snapshotFile))),
    versions,
    mappingDigests: mappingDigests(
      loaded.mappings,
      options.inputs.frameworks,
      options.inputs.frameworks.includes(ATTACK_FRAMEWORK_ID) ? loaded.sourceMap : null,
    ),
    plan,
  };
  const formats = (options.formats ?? REPORT_FORMATS).filter((format) => format.kinds.includes(options.kind));
  const files: RenderedFile[] = [];
  for (const format of formats) {
    options.signal?.throwIfAborted();
    files.push(...(await format.render(input)));
  }
  options.signal?.throwIfAborted();

  const { ddproof: _tool, ...catalogs } = versions;
  const manifest = await writePack(
    options.outDir,
    files,
    {
      tool: { name: "ddproof", version: TOOL_VERSION },
      kind: options.kind,
      period: snapshot.period,
      collected_at: snapshot.collected_at,
      complete: snapshot.complete,
      missing_evidence: COLLECTOR_IDS.filter((id) => snapshot.collectors[id].status === "error"),
      catalogs,
      ...(options.chain ? { chain: options.chain } : {}),
      ...(options.org ? { org: options.org } : {}),
    },
    { replace: options.replace, signingKey: options.signingKey },
  );
  return { manifest, assessment, snapshot, plan };
}
