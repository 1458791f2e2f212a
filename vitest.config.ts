import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests run real HTTP against the simulator; two cores, so keep
    // parallelism modest and give slow machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./test/build.global-setup.ts", "./test/temp-root.global-setup.ts"],
    maxWorkers: 2,
    reporters: ["default", "./test/plain-summary-reporter.ts"],
  },
});
