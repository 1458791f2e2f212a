// Mutation testing, one source folder at a time through `npm run mutation -- FOLDER` (scripts/mutation.mjs): see TESTING.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  // Two cores: one test process each.
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "mutation/report.json" },
  incremental: true,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
