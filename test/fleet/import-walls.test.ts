/**
 * Combining org packs is offline, like `report` and `verify`: nothing the
 * fleet pack writer or a fleet format imports, directly or through other
 * modules, reaches the Datadog client, the collectors or the simulator.
 * (Collecting a fleet's orgs is another matter, and lives beside it.)
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, reachable, sourcesUnder } from "../helpers/import-graph.js";

describe("fleet pack import walls", () => {
  const entries = ["src/fleet/write-fleet-pack.ts", "src/cli/merge.ts", ...sourcesUnder("src/fleet/formats")];
  const { files, packages } = reachable(...entries);

  it("starts from the writer, merge and every fleet format, and reaches the pack writer (the scan works)", () => {
    expect(entries).toContain("src/fleet/formats/index.ts");
    expect(files.has(join(ROOT, "src/pack/write-pack.ts"))).toBe(true);
    expect(files.has(join(ROOT, "src/fleet/read-org-pack.ts"))).toBe(true);
    expect(packages.has("zod")).toBe(true);
  });

  it("never reaches the Datadog client, the collectors or the simulator", () => {
    expect([...files].filter((file) => /src\/(datadog|collectors|simulator)\//.test(file))).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@datadog/"))).toEqual([]);
  });
});
