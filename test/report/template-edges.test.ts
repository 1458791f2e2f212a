/**
 * The narrative template check and the loader at their edges: each form of
 * variable the check knows (data variables, `../`, `#with`, `length`, helper
 * arguments in sub-expressions and hashes) and the exact refusal when it is
 * wrong, the two helpers' output, and the loader's refusals of unreadable
 * files and folders, each naming the path.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { TemplateSources } from "../../src/report/contract.js";
import { checkTemplate, type NarrativeContext, renderTemplate } from "../../src/report/templates.js";

const ROOT_VARIABLES =
  "report, company, org, period, collected_at, tool_version, complete, missing_collectors, collectors, frameworks, attack, thresholds, gaps, previous";

function refusal(source: string): string {
  try {
    checkTemplate(source, "mine.hbs");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${source}`);
}

const CONTEXT: NarrativeContext = {
  report: { kind: "gap", title: "Gap report" },
  company: "Acme",
  org: { name: "Acme", site: "datadoghq.eu" },
  period: { label: "2026-Q3", from: "2026-07-01 00:00 UTC", to: "2026-10-01 00:00 UTC", timezone: "UTC", days: 92 },
  collected_at: "2026-10-01 06:00 UTC",
  tool_version: "1.2.3",
  complete: false,
  missing_collectors: ["signals", "rules"],
  collectors: { total: 11, ok: 9, failed: 2, requests: 40, retries: 1 },
  frameworks: [],
  attack: null,
  thresholds: { attack_gap_below: 3, triage_sla_minutes: { critical: 60, high: 240 } },
  gaps: { total: 1, controls: 1, techniques: 0 },
  previous: null,
};

function rendered(source: string, context: NarrativeContext = CONTEXT): string {
  checkTemplate(source, "cover.hbs");
  const templates: TemplateSources = { cover: source };
  return renderTemplate(templates, "cover", context, { escape: false });
}

describe("the variable check", () => {
  it("checks the arguments of a helper named by a literal, which would otherwise print nothing", () => {
    expect(refusal('{{"join" compnay ", "}}')).toBe(
      `mine.hbs: line 1: unknown variable "compnay" (variables here: ${ROOT_VARIABLES})`,
    );
    expect(rendered('{{"join" missing_collectors "+"}}')).toBe("signals+rules");
  });
});
