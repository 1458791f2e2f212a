/**
 * computeChanges at its edges: rule lists ordered by name then id, source
 * lists in order, the note for each failed part and each run it failed in,
 * and the note when only the previous run lacks ATT&CK.
 */
import { describe, expect, it } from "vitest";
import { computeChanges } from "../../../src/report/changes.js";
import {
  agentRule,
  detectionRule,
  lastDays,
  logSources,
  sourceVolume,
} from "../../assess/fixtures/snapshot-builder.js";
import { assessed, type FixtureOptions } from "./fixtures/report-input.js";

function run(options: FixtureOptions, label = "before") {
  return { ...assessed(options), label };
}

describe("computeChanges ordering", () => {
  it("lists rules by name, then by id among rules of the same name, detection and agent rules together", () => {
    const previous = run({ parts: { rules: { rules: [] }, agent_rules: { agent_rules: [] } } });
    const current = assessed({
      parts: {
        rules: {
          rules: [
            detectionRule({ id: "r-2", name: "Same" }),
            detectionRule({ id: "r-3", name: "Alpha" }),
            detectionRule({ id: "r-1", name: "Same" }),
          ],
        },
        agent_rules: { agent_rules: [agentRule({ id: "a-0", name: "Same" }), agentRule({ id: "a-9", name: "Beta" })] },
      },
    });
    expect(computeChanges(current, previous).rules_added.map((rule) => `${rule.name}/${rule.id}/${rule.type}`)).toEqual(
      [
        "Alpha/r-3/log_detection",
        "Beta/a-9/workload_security",
        "Same/a-0/workload_security",
        "Same/r-1/log_detection",
        "Same/r-2/log_detection",
      ],
    );
  });

  it("lists sources gone silent and back in alphabetical order", () => {
    const all = ["zeta", "alpha", "mid"].map((source) => sourceVolume(source, lastDays(92)));
    const previous = run({ parts: { log_sources: logSources(...all) } });
    const current = assessed({
      parts: { log_sources: logSources(sourceVolume("omega", lastDays(92)), sourceVolume("beta", lastDays(92))) },
    });
    const changes = computeChanges(current, previous);
    expect(changes.sources_silent).toEqual(["alpha", "mid", "zeta"]);
    expect(changes.sources_back).toEqual(["beta", "omega"]);
  });
});

describe("computeChanges notes", () => {
  it("names the agent-rules part and the current run when agent rules failed now", () => {
    const changes = computeChanges(assessed({ parts: { agent_rules: "error" } }), run({}));
    expect(changes.notes).toEqual([
      "Workload Protection agent rules are not compared: the agent_rules collector failed in the current snapshot",
    ]);
  });

  it("names both runs when detection rules failed in both, and still compares agent rules", () => {
    const changes = computeChanges(
      assessed({ parts: { rules: "error" } }),
      run({ parts: { rules: "error", agent_rules: { agent_rules: [] } } }),
    );
    expect(changes.notes).toEqual([
      "Detection rules are not compared: the rules collector failed in the current and previous snapshot",
    ]);
    expect(changes.rules_added.map((rule) => rule.id)).toEqual(["a-nc"]);
  });

  it("names the previous run when only it failed to read log sources", () => {
    const changes = computeChanges(assessed(), run({ parts: { log_sources: "error" } }));
    expect(changes.notes).toEqual([
      "Log sources are not compared: the log_sources collector failed in the previous snapshot",
    ]);
  });

  it("notes when only the previous run lacked ATT&CK, and says nothing when neither had it", () => {
    const withoutAttack = run({ frameworks: ["test-fw"] });
    expect(computeChanges(assessed(), withoutAttack).notes).toEqual([
      "ATT&CK was not assessed in the previous run; its covered count is 0 there",
    ]);
    expect(computeChanges(assessed({ frameworks: ["test-fw"] }), withoutAttack).notes).toEqual([]);
  });
});
