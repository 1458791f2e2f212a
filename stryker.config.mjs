// Mutation testing, one source folder at a time through `npm run mutation -- FOLDER` (scripts/mutation.mjs): see TESTING.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  checkers: ["typescript"],
  // Sources only (mutation/tsconfig.json): the checker is most of a run's time. npm run mutation
  // narrows it further, to the mutated files and what they import (scripts/mutation.mjs).
  tsconfigFile: process.env.DDPROOF_MUTATION_TSCONFIG ?? "mutation/tsconfig.json",
  coverageAnalysis: "perTest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  // One test process: the machine's two cores are shared with other work.
  concurrency: 1,
  // Added to 1.5 × the covering tests' own time: a mutant that loops (a pager or a rate limiter that never
  // ends) is detected after this long instead of a minute, and no test in scope needs 20 s more than it took.
  timeoutMS: 20_000,
  // The initial run of every test in scope (src/collectors': over 4 minutes on the loaded machine) may take this long.
  dryRunTimeoutMinutes: 15,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "mutation/report.json" },
  incremental: true,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
