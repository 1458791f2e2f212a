#!/usr/bin/env node
/**
 * `npm run mutation -- [FOLDER ...] [--mutate GLOB] [--tests GLOB]`: mutation testing with
 * StrykerJS, one source folder at a time (default: every folder below). Each
 * run is incremental (mutation/incremental/FOLDER.json remembers what was
 * already tested), and its scores are written to mutation/summary.json, which
 * TESTING.md summarises. `--mutate` narrows one folder's run to some of its
 * files (a folder too large for one sitting); the summary records the scope.
 * `--tests` narrows the tests that run to some of the folder's test files
 * (a sitting whose files are exercised by a few fast tests); the summary
 * records them for each file so measured, and the score is then a lower bound.
 * `--summarise-only` writes the summary from the last mutation/report.json
 * without running anything. Not part of npm test or CI: a folder takes
 * minutes to an hour.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Source folder → the test files that exercise it. Tests that only drive the
 * built CLI in another process are left out: a mutant is switched on inside
 * the test process, so they cannot kill one, and they are the slowest.
 */
const FOLDERS = {
  assess: { tests: ["test/assess/**/*.test.ts"], exclude: ["test/assess/cli-assess.test.ts"] },
  // descriptions.test.ts reads the collectors' source text, which Stryker has instrumented: it fails the dry run.
  collectors: {
    tests: ["test/collectors/**/*.test.ts", "test/recordings/**/*.test.ts"],
    exclude: ["test/collectors/descriptions.test.ts"],
  },
  datadog: { tests: ["test/datadog/**/*.test.ts", "test/collectors/faults.test.ts"], exclude: [] },
  pack: { tests: ["test/pack/**/*.test.ts"], exclude: [] },
  report: { tests: ["test/report/**/*.test.ts"], exclude: [] },
  schedule: { tests: ["test/schedule/**/*.test.ts"], exclude: ["test/schedule/daemon-process.test.ts"] },
};

const summariseOnly = process.argv.includes("--summarise-only");
let args = process.argv.slice(2).filter((arg) => arg !== "--summarise-only");

/** Takes `--NAME VALUE` out of the arguments; null when absent. */
function option(name, example) {
  const at = args.indexOf(name);
  if (at === -1) return null;
  const value = args[at + 1];
  if (!value || value.startsWith("--")) {
    process.stderr.write(`${name} needs files, e.g. ${name} ${example}\n`);
    process.exit(2);
  }
  args = args.filter((_, i) => i !== at && i !== at + 1);
  return value;
}
const mutateScope = option("--mutate", "src/schedule/retention.ts,src/schedule/run-id.ts");
const testScope = option("--tests", "test/report/data/gaps.test.ts,test/report/data/changes*.test.ts");
const requested = args;
if ((mutateScope || testScope) && requested.length !== 1) {
  process.stderr.write("--mutate and --tests narrow one folder's run: name exactly one folder\n");
  process.exit(2);
}
const unknown = requested.filter((folder) => !(folder in FOLDERS));
if (unknown.length > 0) {
  process.stderr.write(`unknown folder ${unknown.join(", ")}; known: ${Object.keys(FOLDERS).join(", ")}\n`);
  process.exit(2);
}
const folders = requested.length > 0 ? requested : Object.keys(FOLDERS);

function counts(report) {
  const tally = { killed: 0, survived: 0, timeout: 0, no_coverage: 0, compile_error: 0, runtime_error: 0, ignored: 0 };
  const key = {
    Killed: "killed",
    Survived: "survived",
    Timeout: "timeout",
    NoCoverage: "no_coverage",
    CompileError: "compile_error",
    RuntimeError: "runtime_error",
    Ignored: "ignored",
  };
  for (const file of Object.values(report.files)) for (const mutant of file.mutants) tally[key[mutant.status]] += 1;
  const detected = tally.killed + tally.timeout;
  const valid = detected + tally.survived + tally.no_coverage;
  return { ...tally, score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10 };
}

/** A folder's counts from its files' counts. */
function totals(fileCounts) {
  const sum = { killed: 0, survived: 0, timeout: 0, no_coverage: 0, compile_error: 0, runtime_error: 0, ignored: 0 };
  for (const file of fileCounts) for (const key of Object.keys(sum)) sum[key] += file[key] ?? 0;
  const detected = sum.killed + sum.timeout;
  const valid = detected + sum.survived + sum.no_coverage;
  return { ...sum, score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10 };
}

/** The scopes an earlier summary recorded (a string before runs were merged, a list since). */
function scopes(mutated) {
  if (mutated === undefined) return [];
  return Array.isArray(mutated) ? mutated : [mutated];
}

/** Written for each run, removed after it (stryker.config.mjs reads its name from the environment). */
const RUN_TSCONFIG = "mutation/tsconfig.run.json";

mkdirSync("mutation/incremental", { recursive: true });
const summaryFile = "mutation/summary.json";
let summary = {};
try {
  summary = JSON.parse(readFileSync(summaryFile, "utf8"));
} catch {
  // First run: no summary yet.
}
/**
 * Stryker's incremental mode keeps a Survived or NoCoverage result while the mutant's code and the
 * tests that covered it are unchanged, so a test added since in another file, or one that reaches
 * a static mutant (code run at import: a schema, a table), is never tried on it; and Stryker
 * records the `static` flag only for mutants it tested in that run. Survivors are few: forgetting
 * them all makes each run test them again. Only the files a run mutates: a mutant forgotten
 * elsewhere would be lost until its file's next run.
 */
function forgetSurvivors(incrementalFile, inScope) {
  let report;
  try {
    report = JSON.parse(readFileSync(incrementalFile, "utf8"));
  } catch {
    return 0;
  }
  let forgotten = 0;
  for (const [path, file] of Object.entries(report.files)) {
    if (!inScope(path)) continue;
    const kept = file.mutants.filter((mutant) => !["Survived", "NoCoverage"].includes(mutant.status));
    forgotten += file.mutants.length - kept.length;
    file.mutants = kept;
  }
  if (forgotten > 0) {
    writeFileSync(`${incrementalFile}.tmp`, JSON.stringify(report));
    renameSync(`${incrementalFile}.tmp`, incrementalFile);
  }
  return forgotten;
}

/**
 * Whether a source file is one a `--mutate` scope names: the scope lists paths, or globs that
 * Stryker expands; a glob is matched by the part before its first `*` (`src/report/csv/**` holds
 * every file under that folder), which is as precise as the scopes this runner is given.
 */
function inMutateScope(scope, path) {
  return scope.split(",").some((entry) => {
    const star = entry.indexOf("*");
    return star === -1 ? entry === path : path.startsWith(entry.slice(0, star));
  });
}

let failed = false;
for (const folder of folders) {
  process.stderr.write(`\nmutation testing src/${folder}\n`);
  const mutated = mutateScope ?? `src/${folder}/**/*.ts`;
  // The type checker is most of a run's time, and a mutant is checked against every file
  // that imports it: the run's tsconfig holds only the mutated files and what they import.
  if (!summariseOnly)
    writeFileSync(
      RUN_TSCONFIG,
      `${JSON.stringify({ extends: "./tsconfig.json", include: mutated.split(",").map((path) => `../${path}`) }, null, 2)}\n`,
    );
  const incrementalFile = `mutation/incremental/${folder}.json`;
  if (!summariseOnly) {
    const forgotten = forgetSurvivors(incrementalFile, (path) => inMutateScope(mutated, path));
    if (forgotten > 0) process.stderr.write(`testing ${forgotten} mutant(s) that survived before again\n`);
  }
  const tests = testScope ? testScope.split(",") : FOLDERS[folder].tests;
  const started = Date.now();
  const run = summariseOnly
    ? { status: 0 }
    : spawnSync(
        "npx",
        ["stryker", "run", "--mutate", mutated, "--incrementalFile", `mutation/incremental/${folder}.json`],
        {
          stdio: "inherit",
          env: {
            ...process.env,
            DDPROOF_MUTATION_TESTS: tests.join(","),
            DDPROOF_MUTATION_EXCLUDE: FOLDERS[folder].exclude.join(","),
            DDPROOF_MUTATION_TSCONFIG: RUN_TSCONFIG,
          },
        },
      );
  rmSync(RUN_TSCONFIG, { force: true });
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(join("mutation", "report.json"), "utf8"));
  const measuredAt = new Date().toISOString().slice(0, 10);
  // Stryker's report also lists the files of earlier runs, whose results it reused: only the files
  // this run mutated are measured by it (a whole-folder run mutates them all).
  const files = Object.fromEntries(
    Object.entries(report.files)
      .filter(([file]) => summariseOnly || inMutateScope(mutated, file))
      .map(([file, data]) => [
        file,
        // A sitting with narrowed tests says so on each file it measured: the score is a lower bound.
        { ...counts({ files: { file: data } }), ...(testScope ? { tests } : {}), measured_at: measuredAt },
      ]),
  );
  // A narrowed run adds its files to what earlier runs of the folder measured, file by file, so a
  // folder measured in several sittings keeps one summary; a whole-folder run replaces it.
  const earlier = mutateScope && !summariseOnly ? (summary[folder]?.files ?? {}) : {};
  const allFiles = { ...earlier, ...files };
  summary[folder] = {
    ...totals(Object.values(allFiles)),
    files: allFiles,
    mutated: mutateScope && !summariseOnly ? [...new Set([...scopes(summary[folder]?.mutated), mutated])] : [mutated],
    tests: FOLDERS[folder].tests,
    excluded_tests: FOLDERS[folder].exclude,
    // --summarise-only re-reads the last report (a run whose summary step failed) and keeps the time measured.
    minutes: summariseOnly ? (summary[folder]?.minutes ?? null) : Math.round((Date.now() - started) / 60_000),
    measured_at: measuredAt,
  };
  writeFileSync(`${summaryFile}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
  renameSync(`${summaryFile}.tmp`, summaryFile);
}
process.exit(failed ? 1 : 0);
