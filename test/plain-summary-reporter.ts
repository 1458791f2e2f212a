/**
 * Ends a test run with one plain line, `tests: N passed, N failed`, that any
 * CI log reader understands (vitest's own summary is decorated). A file can
 * fail without a failed test (a `beforeAll` that throws or times out skips
 * its tests; an import error collects none), and an error can escape every
 * test: the line counts those too, so "0 failed" means nothing failed.
 */
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let failedFiles = 0;
    for (const module of testModules) {
      if (module.state() === "failed") failedFiles += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
    }
    const parts = [`${passed} passed`, `${failed} failed`];
    if (skipped > 0) parts.push(`${skipped} skipped`);
    if (failedFiles > 0) parts.push(`${failedFiles} file${failedFiles === 1 ? "" : "s"} failed`);
    if (unhandledErrors.length > 0) parts.push(`${unhandledErrors.length} unhandled error(s)`);
    process.stdout.write(`\ntests: ${parts.join(", ")}\n`);
  }
}
