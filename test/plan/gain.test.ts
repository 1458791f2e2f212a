/** The gain `plan` ranks by: 3 per control that passes, 1 per other improvement, 2 per technique reaching 3, 1 per other point. */
import { describe, expect, it } from "vitest";
import { controlGain, gainOf, techniqueGain } from "../../src/plan/changes.js";
import { gainBeyond } from "../../src/plan/rank.js";

describe("gain", () => {
  it("weighs control moves along fail → unknown → partial → pass", () => {
    expect(controlGain({ from: "fail", to: "pass" })).toBe(3);
    expect(controlGain({ from: "manual", to: "pass" })).toBe(3);
    expect(controlGain({ from: "fail", to: "partial" })).toBe(1);
    expect(controlGain({ from: "unknown", to: "partial" })).toBe(1);
    expect(controlGain({ from: "partial", to: "fail" })).toBe(0);
    expect(controlGain({ from: "pass", to: "partial" })).toBe(0);
    expect(controlGain({ from: "manual", to: "partial" })).toBe(0);
  });

  it("weighs the point that reaches score 3 twice and every other point once", () => {
    expect(techniqueGain({ from: 2, to: 3 })).toBe(2);
    expect(techniqueGain({ from: 0, to: 3 })).toBe(4);
    expect(techniqueGain({ from: 1, to: 5 })).toBe(5);
    expect(techniqueGain({ from: 0, to: 2 })).toBe(2);
    expect(techniqueGain({ from: 3, to: 4 })).toBe(1);
    expect(techniqueGain({ from: 4, to: 1 })).toBe(0);
  });

  it("adds up an effect, counting only what the actions above have not changed", () => {
    const own = {
      techniques: [
        { id: "T1110", from: 2, to: 3 },
        { id: "T1078", from: 0, to: 1 },
      ],
      controls: [{ framework: "soc2-2017", id: "CC7.2", from: "fail" as const, to: "pass" as const }],
    };
    expect(gainOf(own)).toBe(6);
    expect(gainBeyond(own, { techniques: new Set(["T1110"]), controls: new Set() })).toBe(4);
    expect(gainBeyond(own, { techniques: new Set(), controls: new Set(["soc2-2017\u0000CC7.2"]) })).toBe(3);
  });
});
