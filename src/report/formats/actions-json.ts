/**
 * actions.json: the gap report's ranked next actions (`ddproof plan --json`'s
 * shape), so a fleet pack can carry each org's top actions from the org
 * packs without parsing actions.csv.
 */
import type { Plan } from "../../plan/plan.js";
import type { ReportFormat } from "../contract.js";
import { stableJson } from "../stable-json.js";

export const ACTIONS_JSON = "actions.json";

/** What a gap pack says when no plan reached the renderers: nothing considered, nothing to do. */
const NO_PLAN: Plan = { candidates: 0, actions: [] };

export const format: ReportFormat = {
  id: "actions-json",
  kinds: ["gap"],
  description:
    "actions.json: the ranked next actions as `ddproof plan --json` prints them, for the fleet pack and scripts",
  async render(input) {
    return [{ path: ACTIONS_JSON, text: stableJson(input.plan ?? NO_PLAN) }];
  },
};
