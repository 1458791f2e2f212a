/**
 * `plan` re-assesses incrementally; `whatif` assesses from scratch. On the
 * demo org both must agree exactly: every candidate's effect, every ranked
 * action's own effect, and every prefix of the ranking (`cumulative`).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AssessInput } from "../../src/assess/index.js";
import { candidateEdits } from "../../src/plan/candidates.js";
import type { Changes } from "../../src/plan/changes.js";
import { type Edit, editString } from "../../src/plan/edits.js";
import { AssessmentModel, AssessmentState } from "../../src/plan/incremental.js";
import { Plan } from "../../src/plan/plan.js";
import { whatIf } from "../../src/plan/whatif.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { assessInput, collectDemoOrg, editArgs } from "./fixtures/demo-org.js";

let dir: string;
let file: string;
let input: AssessInput;
let plan: Plan;

beforeAll(async () => {
  dir = scratchDir("plan");
  file = await collectDemoOrg(dir, "demo");
  input = await assessInput(file);
  const run = await cli(["plan", "--snapshot", file, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  plan = Plan.parse(JSON.parse(run.stdout));
}, 120_000);

async function whatifJson(edits: readonly string[]): Promise<Changes & { edits: string[] }> {
  const run = await cli(["whatif", "--snapshot", file, ...edits.flatMap(editArgs), "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Changes & { edits: string[] };
}

describe("ddproof plan on the demo org", () => {
  it("ranks actions 1, 2, 3…, each raising coverage", () => {
    expect(plan.actions.length).toBeGreaterThanOrEqual(5);
    expect(plan.actions.map((action) => action.rank)).toEqual(plan.actions.map((_, i) => i + 1));
    for (const action of plan.actions) expect(action.gain).toBeGreaterThan(0);
    expect(plan.candidates).toBeGreaterThanOrEqual(plan.actions.length);
  });

  it("gives each action exactly the changes whatif prints for its edit", async () => {
    for (const action of plan.actions) {
      const printed = await whatifJson([action.edit]);
      expect(printed.edits).toEqual([action.edit]);
      expect({ techniques: action.techniques, controls: action.controls }, action.edit).toEqual({
        techniques: printed.techniques,
        controls: printed.controls,
      });
    }
  }, 300_000);

  it("gives each rank's cumulative changes exactly what whatif prints for ranks 1 to it", async () => {
    for (const action of plan.actions) {
      const printed = await whatifJson(plan.actions.slice(0, action.rank).map((above) => above.edit));
      expect(action.cumulative, `ranks 1-${action.rank}`).toEqual({
        techniques: printed.techniques,
        controls: printed.controls,
      });
    }
  }, 300_000);

  it("never says a rule without signals in the period fired", () => {
    const signals = input.snapshot.collectors.signals;
    if (signals.status !== "ok") throw new Error("the demo org's signals were not collected");
    const fired = new Set(signals.data.by_rule.filter((rule) => rule.count > 0).map((rule) => rule.rule_id));
    const enabling = plan.actions.filter((action) => action.edit.startsWith("--enable-rule "));
    expect(enabling.length).toBeGreaterThan(0);
    for (const action of enabling) {
      const id = action.edit.slice("--enable-rule ".length);
      if (fired.has(id)) continue;
      expect(action.summary).toMatch(/raised no signal in the period/);
      expect(action.summary).not.toMatch(/\bfired\b|raised \d+ signals/);
    }
  });

  it("computes every candidate's effect incrementally exactly as a full assessment does", () => {
    const snapshot = input.snapshot;
    const rules = snapshot.collectors.rules;
    if (rules.status !== "ok") throw new Error("the demo org's rules were not collected");
    // The candidates, and edits that lower coverage too.
    const edits: Edit[] = [
      ...candidateEdits(snapshot, input.mappings, input.frameworks),
      { kind: "drop-source", source: "cloudtrail" },
      { kind: "drop-source", source: "okta" },
      { kind: "unprotect-hosts", glob: "*" },
      { kind: "disable-rule", rule: rules.data.rules.find((rule) => rule.enabled)!.id },
      { kind: "add-archive" },
    ];
    const state = AssessmentState.of(new AssessmentModel(input, snapshot), snapshot);
    let moved = 0;
    for (const edit of edits) {
      // As plan weighs candidates: checks run once per class of rule enabled.
      const incremental = state.changesOf(state.evaluate(edit, true));
      const { result } = whatIf(input, [edit]);
      expect(incremental, editString(edit)).toEqual({ techniques: result.techniques, controls: result.controls });
      if (result.techniques.length + result.controls.length > 0) moved += 1;
    }
    // The comparison is not vacuous: many edits move something.
    expect(moved).toBeGreaterThanOrEqual(10);
  }, 300_000);

  it("writes nothing unless --out names a file, and then only the JSON it prints", async () => {
    const before = await readdir(dir);
    const edit = plan.actions[0]!.edit;
    for (const args of [
      ["whatif", ...editArgs(edit)],
      ["plan", "--top", "2"],
    ]) {
      expect((await cli([...args, "--snapshot", file])).code).toBe(0);
      expect((await cli([...args, "--snapshot", file, "--json"])).code).toBe(0);
    }
    expect(await readdir(dir)).toEqual(before);

    const out = join(dir, "out", "whatif.json");
    const run = await cli(["whatif", "--snapshot", file, ...editArgs(edit), "--json", "--out", out]);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual(JSON.parse(run.stdout));
    const planOut = join(dir, "out", "plan.json");
    const planRun = await cli(["plan", "--snapshot", file, "--top", "2", "--out", planOut]);
    expect(planRun.code).toBe(0);
    expect(Plan.parse(JSON.parse(await readFile(planOut, "utf8"))).actions).toHaveLength(2);
    expect((await readdir(join(dir, "out"))).sort()).toEqual(["plan.json", "whatif.json"]);
  }, 120_000);
});
