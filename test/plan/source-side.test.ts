/**
 * Each kind of edit made at the source instead: the simulator's org changed
 * after its history was generated (signals held as they were), collected
 * through the real collectors, then assessed. What moves must be exactly
 * what `whatif` says the edit moves on the snapshot collected before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AssessInput } from "../../src/assess/index.js";
import { assess } from "../../src/assess/index.js";
import { candidateEdits } from "../../src/plan/candidates.js";
import { diffAssessments } from "../../src/plan/changes.js";
import { type Edit, editString } from "../../src/plan/edits.js";
import { whatIf } from "../../src/plan/whatif.js";
import type { OrgChange } from "../../src/simulator/index.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { assessInput, collectDemoOrg } from "./fixtures/demo-org.js";

let dir: string;
let base: AssessInput;

beforeAll(async () => {
  dir = scratchDir("plan-source");
  base = await assessInput(await collectDemoOrg(dir, "base"));
}, 120_000);

/** Collects the org with the change made at the source and diffs its assessment against the base's. */
async function changedAtSource(name: string, changes: readonly OrgChange[]) {
  const changed = await assessInput(await collectDemoOrg(dir, name, changes));
  return diffAssessments(assess(base), assess({ ...base, snapshot: changed.snapshot }));
}

/** The first of the edits that moves something on the base snapshot, so the comparison is not vacuous. */
function firstMoving(edits: readonly Edit[]): Edit {
  const edit = edits.find((candidate) => {
    const { result } = whatIf(base, [candidate]);
    return result.techniques.length + result.controls.length > 0;
  });
  if (edit === undefined) throw new Error(`none of ${edits.length} edits moves anything on the demo org`);
  return edit;
}

function candidates(kind: Edit["kind"]): Edit[] {
  return candidateEdits(base.snapshot, base.mappings, base.frameworks).filter((c) => c.kind === kind);
}

/** Each edit, the same change made at the source, and whether it must move something on the demo org. */
const CASES: Array<{ name: string; edit: () => Edit; change: (edit: Edit) => OrgChange; moves: boolean }> = [
  {
    name: "a rule enabled",
    edit: () => firstMoving(candidates("enable-rule")),
    change: (edit) => ({ kind: "rule-enabled", id: (edit as { rule: string }).rule, enabled: true }),
    moves: true,
  },
  {
    name: "a rule disabled",
    edit: () => {
      const rules = base.snapshot.collectors.rules;
      if (rules.status !== "ok") throw new Error("no rules");
      const fired = base.snapshot.collectors.signals;
      const firing = new Set(fired.status === "ok" ? fired.data.by_rule.map((rule) => rule.rule_id) : []);
      // A rule that fired: its signals stay, but a disabled rule validates nothing.
      return firstMoving(
        rules.data.rules
          .filter((rule) => rule.enabled && firing.has(rule.id))
          .map((rule) => ({ kind: "disable-rule", rule: rule.id })),
      );
    },
    change: (edit) => ({ kind: "rule-enabled", id: (edit as { rule: string }).rule, enabled: false }),
    moves: true,
  },
  {
    name: "a source silenced",
    edit: () => ({ kind: "drop-source", source: "cloudtrail" }),
    change: () => ({ kind: "source-pattern", source: "cloudtrail", pattern: "silent" }),
    moves: true,
  },
  {
    name: "a silent source restored",
    edit: () => ({ kind: "restore-source", source: "microsoft-365" }),
    change: () => ({ kind: "source-pattern", source: "microsoft-365", pattern: "steady" }),
    moves: true,
  },
  {
    name: "a source with gaps restored",
    edit: () => ({ kind: "restore-source", source: "windows.events" }),
    change: () => ({ kind: "source-pattern", source: "windows.events", pattern: "steady" }),
    moves: false,
  },
  {
    name: "hosts protected",
    edit: () => ({ kind: "protect-hosts", glob: "*" }),
    change: () => ({ kind: "hosts-protected", glob: "*", protected: true }),
    moves: true,
  },
  {
    name: "a severity routed",
    edit: () => ({ kind: "route", severity: "high" }),
    change: () => ({ kind: "severity-routed", severity: "high" }),
    moves: true,
  },
  {
    name: "an archive added",
    edit: () => ({ kind: "add-archive" }),
    change: () => ({ kind: "archive-added" }),
    moves: false,
  },
];

describe("whatif agrees with the change made at the source", () => {
  it("every index's retention set", async () => {
    const indexes = base.snapshot.collectors.log_indexes;
    if (indexes.status !== "ok") throw new Error("no indexes");
    const edits: Edit[] = indexes.data.indexes.map((index) => ({
      kind: "set-retention",
      index: index.name,
      days: 400,
    }));
    const { result } = whatIf(base, edits);
    const atSource = await changedAtSource(
      "retention",
      edits.map((edit) => ({ kind: "index-retention", index: (edit as { index: string }).index, days: 400 })),
    );
    expect({ techniques: result.techniques, controls: result.controls }).toEqual(atSource);
    expect(atSource.controls.length).toBeGreaterThan(0);
  }, 120_000);

  for (const { name, edit, change, moves } of CASES) {
    it(name, async () => {
      const asked = edit();
      const { result } = whatIf(base, [asked]);
      const atSource = await changedAtSource(name.replaceAll(/\W+/g, "-"), [change(asked)]);
      expect({ techniques: result.techniques, controls: result.controls }, editString(asked)).toEqual(atSource);
      if (moves) expect(atSource.techniques.length + atSource.controls.length, editString(asked)).toBeGreaterThan(0);
    }, 120_000);
  }
});
