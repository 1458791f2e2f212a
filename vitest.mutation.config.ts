/**
 * The test run Stryker drives (`npm run mutation`): the suite's own settings,
 * limited to the test folders that exercise the source folder being mutated
 * (DDPROOF_MUTATION_TESTS, set by scripts/mutation.mjs), so one folder's run
 * takes minutes rather than the whole suite per mutant.
 */
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.js";

const tests = (process.env.DDPROOF_MUTATION_TESTS ?? "").split(",").filter(Boolean);
const excluded = (process.env.DDPROOF_MUTATION_EXCLUDE ?? "").split(",").filter(Boolean);
if (tests.length === 0)
  throw new Error("DDPROOF_MUTATION_TESTS is empty: run mutation testing through npm run mutation");

// Spread, not mergeConfig: that would append to the suite's include list instead of replacing it.
export default defineConfig({
  ...base,
  test: { ...base.test, include: tests, exclude: [...configDefaults.exclude, ...excluded], reporters: ["default"] },
});
