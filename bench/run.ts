/**
 * `npm run bench`: collects, assesses and renders the simulator's large org
 * (≥ 2,000 rules, 20,000 hosts, 1,000,000 signals a quarter) with 50 ms of
 * latency and the simulator's announced per-endpoint rate limits. Each figure
 * is the median of 3 runs, with min and max. Writes bench/results.json and
 * the table in BENCHMARKS.md. Then a fleet of 20 smaller orgs of 100,000
 * signals each, collected at once (bench/fleet.ts); `--fleet-only` runs just that.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningSimulator, startSimulator } from "../src/simulator/index.js";
import { FLEET_QUARTER, type FleetRun, fleetOrgs, fleetRun, MACHINE_CORES } from "./fleet.js";
import { lowerBound, MAX_PAGE } from "./lower-bound.js";
import { type BenchResults, type PlanRun, renderMarkdown, type SimulatorRun } from "./report.js";

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const RUNS = 3;
const LATENCY_MS = 50;
const NOW = new Date("2026-11-15T12:00:00Z");
const QUARTER = { from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z" };

/** The V8 flags the installed `ddproof` command runs with, read from its launcher line. */
const CLI_FLAGS = (readFileSync(join(ROOT, "dist", "cli", "main.js"), "utf8").split("\n")[0] ?? "")
  .split(/\s+/)
  .filter((word) => word.startsWith("--"));

async function child<T>(script: string, args: string[], extraFlags: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...CLI_FLAGS, ...extraFlags, join(HERE, script), ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as T;
}

function simulator(): Promise<RunningSimulator> {
  return startSimulator({ scale: "large", seed: 1, now: NOW, latencyMs: LATENCY_MS });
}

/** A window starting at the quarter's start holding about `target` signals. */
function windowWith(sim: RunningSimulator, target: number): { from: string; to: string } {
  const from = new Date(QUARTER.from);
  let hours = 1;
  while (sim.org.countSignals(from, new Date(from.getTime() + hours * 3_600_000)) < target) hours += 1;
  return { from: QUARTER.from, to: new Date(from.getTime() + hours * 3_600_000).toISOString() };
}

interface CollectRun {
  /** Where the child wrote the snapshot (not kept in the results). */
  snapshot: string;
  wallMs: number;
  peakRssMb: number;
  complete: boolean;
  signals: number;
  requestsByEndpoint: Record<string, number>;
  throttled: number;
}

async function collectRun(window: { from: string; to: string }, work: string): Promise<CollectRun> {
  const sim = await simulator();
  try {
    const out = join(work, `snapshot-${Date.now()}.json`);
    const result = await child<{ wallMs: number; peakRssMb: number; complete: boolean; signals: number }>(
      "collect-child.js",
      [sim.url, window.from, window.to, out, NOW.toISOString()],
    );
    const requestsByEndpoint: Record<string, number> = {};
    for (const request of sim.requests)
      if (request.endpoint) requestsByEndpoint[request.endpoint] = (requestsByEndpoint[request.endpoint] ?? 0) + 1;
    const throttled = sim.requests.filter((request) => request.status === 429).length;
    return { ...result, snapshot: out, requestsByEndpoint, throttled };
  } finally {
    await sim.close();
  }
}

async function measurePlan(snapshot: string, note?: string): Promise<PlanRun[]> {
  const runs: PlanRun[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await child<PlanRun>("plan-child.js", [snapshot]);
    runs.push(note === undefined ? run : { ...run, note });
  }
  process.stderr.write(
    `plan: ${runs.map((r) => r.planMs.toFixed(0)).join(", ")} ms, ${runs[0]?.candidates} candidates\n`,
  );
  return runs;
}

/**
 * `npm run bench -- --plan-only SNAPSHOT`: measures only `plan`, on a snapshot of the large org's quarter
 * collected before, and updates its figures in the results of the last full run.
 */
async function planOnly(snapshot: string): Promise<void> {
  const file = join(ROOT, "bench", "results.json");
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  const measuredOn = new Date().toISOString().slice(0, 10);
  results.plan = await measurePlan(
    snapshot,
    `on ${measuredOn} with \`npm run bench -- --plan-only\`, on a snapshot of the same quarter of the same org`,
  );
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(ROOT, "BENCHMARKS.md"), renderMarkdown(results));
  process.stderr.write("updated the plan figures in bench/results.json and BENCHMARKS.md\n");
}

async function measureRender(snapshot: string, work: string, formatId?: string): Promise<RenderRun[]> {
  const runs: RenderRun[] = [];
  const label = formatId === undefined ? "render" : `render ${formatId}`;
  for (let i = 0; i < RUNS; i += 1) {
    const args = [
      snapshot,
      join(work, `pack-${formatId ?? "all"}-${i}`),
      ...(formatId === undefined ? [] : [formatId]),
    ];
    runs.push(await child<RenderRun>("render-child.js", args));
    process.stderr.write(
      `${label} run ${i + 1}: ${(runs.at(-1)!.wallMs / 1000).toFixed(1)} s, ${runs.at(-1)!.peakRssMb.toFixed(0)} MB\n`,
    );
  }
  return runs;
}

/**
 * `npm run bench -- --render-only SNAPSHOT`: measures only rendering the evidence pack (with and without the
 * workbook alone), on a snapshot of the large org's quarter collected before, and updates those figures in
 * the results of the last full run.
 */
async function renderOnly(snapshot: string): Promise<void> {
  const file = join(ROOT, "bench", "results.json");
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  const work = await mkdtemp(join(tmpdir(), "ddproof-bench-"));
  try {
    const note = `on ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --render-only\`, on a snapshot of the same quarter of the same org`;
    results.render = renderFigures(await measureRender(snapshot, work)).map((run) => ({ ...run, note }));
    results.render_xlsx = renderFigures(await measureRender(snapshot, work, "evidence-xlsx")).map(
      ({ wallMs, peakRssMb, xlsx_bytes }) => ({ wallMs, peakRssMb, xlsx_bytes, note }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(ROOT, "BENCHMARKS.md"), renderMarkdown(results));
  process.stderr.write("updated the render figures in bench/results.json and BENCHMARKS.md\n");
}

/** The sizes of the files a reader of the results cares about, instead of every file's. */
function renderFigures(runs: readonly RenderRun[]) {
  return runs.map(({ sizes, ...rest }) => ({
    ...rest,
    signals_csv_bytes: sizes["populations/signals.csv"] ?? 0,
    pdf_bytes: sizes["evidence-pack.pdf"] ?? 0,
    xlsx_bytes: sizes["evidence.xlsx"] ?? 0,
  }));
}

interface RenderRun {
  wallMs: number;
  peakRssMb: number;
  files: number;
  sizes: Record<string, number>;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "ddproof-bench-"));
  try {
    const facts = await simulator();
    const quarterBound = lowerBound(facts.org, new Date(QUARTER.from), new Date(QUARTER.to), LATENCY_MS);
    const smallWindow = windowWith(facts, 100_000);
    const org = {
      rules: facts.org.rules.length,
      hosts: facts.org.hostnames.length,
      signalsInQuarter: quarterBound.endpoints.signals!.items,
    };
    await facts.close();
    process.stderr.write(`large org: ${JSON.stringify(org)}; lower bound ${quarterBound.seconds.toFixed(1)} s\n`);

    const quarter: CollectRun[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      quarter.push(await collectRun(QUARTER, work));
      process.stderr.write(
        `collect quarter run ${i + 1}: ${(quarter.at(-1)!.wallMs / 1000).toFixed(1)} s, ${quarter.at(-1)!.peakRssMb.toFixed(0)} MB\n`,
      );
    }
    const small: CollectRun[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      small.push(await collectRun(smallWindow, work));
      process.stderr.write(
        `collect 100k run ${i + 1}: ${(small.at(-1)!.wallMs / 1000).toFixed(1)} s, ${small.at(-1)!.peakRssMb.toFixed(0)} MB\n`,
      );
    }
    const snapshot = quarter[0]!.snapshot;
    const assessRuns: Array<{ assessMs: number; peakRssMb: number }> = [];
    for (let i = 0; i < RUNS; i += 1) assessRuns.push(await child("assess-child.js", [snapshot]));
    process.stderr.write(`assess: ${assessRuns.map((r) => r.assessMs.toFixed(0)).join(", ")} ms\n`);
    const planRuns = await measurePlan(snapshot);
    const renderRuns = await measureRender(snapshot, work);
    const xlsxRuns = await measureRender(snapshot, work, "evidence-xlsx");

    // --expose-gc so the heap figure counts live objects, not garbage.
    const simulatorRuns: SimulatorRun[] = [];
    for (let i = 0; i < RUNS; i += 1) simulatorRuns.push(await child("simulator-child.js", [], ["--expose-gc"]));
    process.stderr.write(`simulator: start ${simulatorRuns.map((r) => r.startMs.toFixed(0)).join(", ")} ms\n`);

    const fleet = await measureFleet();

    const results: BenchResults = {
      measured_at: new Date().toISOString(),
      machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
      settings: {
        latency_ms: LATENCY_MS,
        runs: RUNS,
        node_flags: CLI_FLAGS,
        quarter: QUARTER,
        window_100k: smallWindow,
        max_page: MAX_PAGE,
      },
      org,
      lower_bound: quarterBound,
      collect_quarter: quarter.map(({ snapshot: _s, ...rest }) => rest),
      collect_100k: small.map(({ snapshot: _s, ...rest }) => rest),
      assess: assessRuns,
      plan: planRuns,
      simulator: simulatorRuns,
      render: renderFigures(renderRuns),
      render_xlsx: renderFigures(xlsxRuns).map(({ wallMs, peakRssMb, xlsx_bytes }) => ({
        wallMs,
        peakRssMb,
        xlsx_bytes,
      })),
      fleet: { ...fleet, measured_at: new Date().toISOString(), cores: MACHINE_CORES, quarter: FLEET_QUARTER },
    };
    await writeFile(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(ROOT, "BENCHMARKS.md"), renderMarkdown(results));
    process.stderr.write("wrote bench/results.json and BENCHMARKS.md\n");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The fleet: 20 orgs, their announced signal limits (requests a minute) taken in turn from this list. */
const FLEET_ORGS = 20;
const FLEET_SIGNAL_LIMITS = [40, 60];
/** Simulator processes for the fleet: serving 2,000,000 signals is CPU work of its own, spread like the cores. */
const FLEET_SIMULATOR_PROCESSES = 2;

async function measureFleet(): Promise<{ solo: FleetRun[]; fleet: FleetRun[] }> {
  // One org alone, under the default limits (which 100 pages never reach): what 100,000 signals cost in CPU.
  const solo: FleetRun[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    solo.push(await fleetRun(HERE, CLI_FLAGS, fleetOrgs(1, [300]), 1, LATENCY_MS));
    const last = solo.at(-1)!;
    process.stderr.write(
      `one org, ${last.signals} signals: ${(last.wallMs / 1000).toFixed(1)} s, collector CPU ${(last.collectCpuMs / 1000).toFixed(1)} s, simulator CPU ${(last.simulatorCpuMs / 1000).toFixed(1)} s\n`,
    );
  }
  const fleet: FleetRun[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    fleet.push(
      await fleetRun(
        HERE,
        CLI_FLAGS,
        fleetOrgs(FLEET_ORGS, FLEET_SIGNAL_LIMITS),
        FLEET_SIMULATOR_PROCESSES,
        LATENCY_MS,
      ),
    );
    const last = fleet.at(-1)!;
    process.stderr.write(
      `fleet of ${last.orgs}, ${last.signals} signals: ${(last.wallMs / 1000).toFixed(1)} s, ${last.peakRssMb?.toFixed(0)} MB, collector CPU ${(last.collectCpuMs / 1000).toFixed(1)} s, simulator CPU ${(last.simulatorCpuMs / 1000).toFixed(1)} s, ${last.throttled} 429s\n`,
    );
  }
  return { solo, fleet };
}

/** `npm run bench -- --fleet-only`: measures only the fleet, and updates its figures in the results of the last full run. */
async function fleetOnly(): Promise<void> {
  const file = join(ROOT, "bench", "results.json");
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  results.fleet = {
    ...(await measureFleet()),
    measured_at: new Date().toISOString(),
    cores: MACHINE_CORES,
    quarter: FLEET_QUARTER,
  };
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(ROOT, "BENCHMARKS.md"), renderMarkdown(results));
  process.stderr.write("updated the fleet figures in bench/results.json and BENCHMARKS.md\n");
}

const planOnlyAt = process.argv.indexOf("--plan-only");
const renderOnlyAt = process.argv.indexOf("--render-only");
if (process.argv.includes("--fleet-only")) await fleetOnly();
else if (renderOnlyAt >= 0) {
  const snapshot = process.argv[renderOnlyAt + 1];
  if (snapshot === undefined) throw new Error("--render-only needs the snapshot file of the large org's quarter");
  await renderOnly(snapshot);
} else if (planOnlyAt >= 0) {
  const snapshot = process.argv[planOnlyAt + 1];
  if (snapshot === undefined) throw new Error("--plan-only needs the snapshot file of the large org's quarter");
  await planOnly(snapshot);
} else await main();
