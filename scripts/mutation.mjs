#!/usr/bin/env node
/**
 * `npm run mutation -- [FOLDER ...]`: mutation testing with StrykerJS, one
 * source folder at a time (default: every folder below). Each run is
 * incremental (mutation/incremental/FOLDER.json remembers what was already
 * tested), and its scores are written to mutation/summary.json, which
 * TESTING.md summarises. Not part of npm test or CI: a folder takes minutes.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Source folder → the test folders that exercise it. */
const FOLDERS = {
  assess: ["test/assess/**/*.test.ts"],
  collectors: ["test/collectors/**/*.test.ts", "test/recordings/**/*.test.ts"],
  datadog: ["test/datadog/**/*.test.ts", "test/collectors/faults.test.ts"],
  pack: ["test/pack/**/*.test.ts"],
  report: ["test/report/**/*.test.ts"],
  schedule: ["test/schedule/**/*.test.ts"],
};

const requested = process.argv.slice(2);
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

mkdirSync("mutation/incremental", { recursive: true });
const summaryFile = "mutation/summary.json";
let summary = {};
try {
  summary = JSON.parse(readFileSync(summaryFile, "utf8"));
} catch {
  // First run: no summary yet.
}
let failed = false;
for (const folder of folders) {
  process.stderr.write(`\nmutation testing src/${folder}\n`);
  const run = spawnSync(
    "npx",
    ["stryker", "run", "--mutate", `src/${folder}/**/*.ts`, "--incrementalFile", `mutation/incremental/${folder}.json`],
    { stdio: "inherit", env: { ...process.env, DDPROOF_MUTATION_TESTS: FOLDERS[folder].join(",") } },
  );
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(join("mutation", "report.json"), "utf8"));
  summary[folder] = { ...counts(report), tests: FOLDERS[folder], measured_at: new Date().toISOString().slice(0, 10) };
  writeFileSync(`${summaryFile}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
  renameSync(`${summaryFile}.tmp`, summaryFile);
}
process.exit(failed ? 1 : 0);
