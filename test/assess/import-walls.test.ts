/**
 * assess/ works offline and `ddproof assess` starts fast: nothing it imports,
 * directly or through other modules, reaches the Datadog client, the
 * collectors or the simulator.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, reachable } from "../helpers/import-graph.js";

describe("assess import walls", () => {
  const { files, packages } = reachable("src/cli/assess.ts");

  it("reaches the engine (the scan works)", () => {
    expect(files.has(join(ROOT, "src/assess/index.ts"))).toBe(true);
    expect(files.has(join(ROOT, "src/assess/checks/log_source.ts"))).toBe(true);
    expect(packages.has("zod")).toBe(true);
  });

  it("never reaches the Datadog client, the collectors or the simulator", () => {
    const forbidden = [...files].filter((file) => /src\/(datadog|collectors|simulator)\//.test(file));
    expect(forbidden).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@datadog/"))).toEqual([]);
  });
});

describe("collector import walls", () => {
  // Collectors know the client and the snapshot schema, nothing of checks or reports;
  // what both sides need (the query parser) lives in a neutral room.
  const { files } = reachable("src/collectors/index.ts");

  it("reaches the signals collector and the shared query parser (the scan works)", () => {
    expect(files.has(join(ROOT, "src/collectors/signals/index.ts"))).toBe(true);
    expect(files.has(join(ROOT, "src/query/match.ts"))).toBe(true);
  });

  it("never reaches assess, report or the simulator", () => {
    expect([...files].filter((file) => /src\/(assess|report|simulator)\//.test(file))).toEqual([]);
  });
});
