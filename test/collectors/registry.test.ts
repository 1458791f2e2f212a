import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COLLECTORS } from "../../src/collectors/index.js";
import { COLLECTOR_IDS } from "../../src/snapshot/schema.js";

const folder = fileURLToPath(new URL("../../src/collectors/", import.meta.url));
/** Files and folders of the collectors room that are plumbing, not collectors. */
const PLUMBING = new Set([
  "index",
  "context",
  "run",
  "salvage",
  "timestamps",
  "collect-to-file",
  "period-filter",
  "by-id",
]);

describe("collector registry", () => {
  it("has exactly one collector per snapshot part, each under its own id", () => {
    expect(Object.keys(COLLECTORS).sort()).toEqual([...COLLECTOR_IDS].sort());
    for (const [id, collector] of Object.entries(COLLECTORS)) expect(collector.id).toBe(id);
  });

  it("matches the folder: one file (or folder) per collector, named by its id", () => {
    const names = readdirSync(folder)
      .map((entry) => (statSync(folder + entry).isDirectory() ? entry : entry.replace(/\.ts$/, "")))
      .filter((name) => !PLUMBING.has(name));
    expect(names.map((name) => name.replace(/-/g, "_")).sort()).toEqual([...COLLECTOR_IDS].sort());
  });
});
