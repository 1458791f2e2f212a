/**
 * The process's signal slices, shared by the orgs of a fleet collecting at
 * once: one org keeps every slice it may use, many orgs split the budget,
 * and no org is ever left without one.
 */
import { describe, expect, it } from "vitest";
import { MAX_SLICES } from "../../src/collectors/signals/index.js";
import { ActiveCollections, PROCESS_SLICES, sliceCapFor } from "../../src/collectors/signals/slice-budget.js";

describe("sliceCapFor", () => {
  it.each([
    [0, 8],
    [1, 8],
    [2, 8],
    [3, 5],
    [4, 4],
    [5, 3],
    [8, 2],
    [9, 1],
    [16, 1],
    [20, 1],
    [200, 1],
  ])("gives each of %i concurrent collections %i slices of 16", (active, cap) => {
    expect(sliceCapFor(active, MAX_SLICES)).toBe(cap);
  });

  it("keeps the per-org ceiling when the process budget is larger", () => {
    expect(sliceCapFor(1, 3, 16)).toBe(3);
    expect(sliceCapFor(2, 8, 100)).toBe(8);
    expect(PROCESS_SLICES).toBe(16);
    expect(MAX_SLICES).toBe(8);
  });
});

describe("ActiveCollections", () => {
  it("counts a collection while it runs, and stops counting it when it ends or fails", async () => {
    const active = new ActiveCollections();
    let release!: () => void;
    const first = active.during(() => new Promise<string>((resolve) => (release = () => resolve("done"))));
    const seen: number[] = [active.count];
    const failing = active.during(async () => {
      seen.push(active.count);
      throw new Error("collector failed");
    });
    await expect(failing).rejects.toThrow("collector failed");
    seen.push(active.count);
    release();
    await expect(first).resolves.toBe("done");
    seen.push(active.count);
    expect(seen).toEqual([1, 2, 1, 0]);
  });
});
