/**
 * Workload Protection agent rules (data/agent-rules.json). The large scale
 * adds custom copies so the list is long enough to matter.
 */
import data from "../data/agent-rules.json" with { type: "json" };
import { rngFor } from "../prng.js";
import { DAY_MS } from "../time-units.js";
import { attackTags } from "./attack-tags.js";
import { threePartId } from "./ids.js";

export interface DemoAgentRule {
  id: string;
  name: string;
  description: string;
  expression: string;
  category: string;
  enabled: boolean;
  isDefault: boolean;
  /** security:attack plus the ATT&CK tactic/technique tags. */
  productTags: string[];
  createdAt: number;
  updatedAt: number;
  authorIndex: number;
  version: number;
}

export function generateAgentRules(seed: number, copies: number, nowMs: number): DemoAgentRule[] {
  const rules: DemoAgentRule[] = [];
  for (let copy = 0; copy <= copies; copy++) {
    for (const spec of data.rules) {
      const random = rngFor(seed, "agent-rule", spec.name, copy);
      const createdAt = nowMs - random.int(30, 700) * DAY_MS;
      rules.push({
        id: threePartId(random),
        name: copy === 0 ? spec.name : `${spec.name}_custom_${copy}`,
        description: spec.description,
        expression: spec.expression,
        category: spec.category,
        enabled: !random.chance(0.1),
        isDefault: spec.default && copy === 0,
        productTags: ["security:attack", ...attackTags(spec.techniques, spec.tactic)],
        createdAt,
        updatedAt: createdAt + Math.floor(random.next() * (nowMs - createdAt)),
        authorIndex: random.int(0, 5),
        version: random.int(1, 6),
      });
    }
  }
  return rules;
}
