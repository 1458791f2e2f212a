/**
 * The narrative template check and the loader at their edges: each form of
 * variable the check knows (data variables, `../`, `#with`, `length`, helper
 * arguments in sub-expressions and hashes) and the exact refusal when it is
 * wrong, the two helpers' output, and the loader's refusals of unreadable
 * files and folders, each naming the path.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { TemplateSources } from "../../src/report/contract.js";
import { HTML_TEMPLATES } from "../../src/report/html/templates.js";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../../src/report/template-loader.js";
import {
  checkTemplate,
  NARRATIVE_TEMPLATES,
  type NarrativeContext,
  renderTemplate,
} from "../../src/report/templates.js";
import { scratchDir } from "../helpers/scratch-dir.js";

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

async function loadError(dir: string | null, sets = [NARRATIVE_TEMPLATES, HTML_TEMPLATES]): Promise<string> {
  const error = await loadTemplates(dir, sets).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
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

describe("the helpers", () => {
  it("join a list with the separator given, ', ' without one, and print nothing for what is not a list", () => {
    expect(rendered('{{join missing_collectors " / "}}|{{join missing_collectors}}|{{join company ", "}}')).toBe(
      "signals / rules|signals, rules|",
    );
  });

  it("plural: the singular for exactly 1, the plural otherwise, after the count", () => {
    expect(rendered('{{plural gaps.total "gap" "gaps"}}, {{plural collectors.failed "collector" "collectors"}}')).toBe(
      "1 gap, 2 collectors",
    );
    expect(rendered('{{plural gaps.techniques "gap" "gaps"}}')).toBe("0 gaps");
  });

  it("may be named without arguments", () => {
    expect(() => checkTemplate("{{join}} {{plural}}", "mine.hbs")).not.toThrow();
  });
});

describe("the variable check", () => {
  it("knows the triage thresholds under thresholds", () => {
    expect(rendered("{{thresholds.triage_sla_minutes.critical}}/{{thresholds.triage_sla_minutes.high}}")).toBe(
      "60/240",
    );
  });

  it("allows length on a list only, and names what a value that is not an object holds", () => {
    expect(refusal("{{period.length}}")).toBe(
      'mine.hbs: line 1: unknown variable "period.length" (variables here: label, from, to, timezone, days)',
    );
    expect(refusal("{{company.first}}")).toBe(
      'mine.hbs: line 1: unknown variable "company.first" (variables here: none (it is not an object))',
    );
    expect(refusal("{{frameworks.first}}")).toBe(
      'mine.hbs: line 1: unknown variable "frameworks.first" (variables here: none (it is not an object))',
    );
    expect(rendered("{{missing_collectors.length}}")).toBe("2");
  });

  it("allows @root paths and the loop's @index, @key, @first and @last, and refuses any other data variable", () => {
    expect(() =>
      checkTemplate("{{#each frameworks}}{{@index}}{{@key}}{{@first}}{{@last}}{{@root.company}}{{/each}}", "mine.hbs"),
    ).not.toThrow();
    expect(refusal("\n{{@company}}")).toBe('mine.hbs: line 2: unknown data variable "@company"');
    expect(refusal("{{@root.compnay}}")).toBe(
      `mine.hbs: line 1: unknown variable "@root.compnay" (variables here: ${ROOT_VARIABLES})`,
    );
  });

  it("refuses ../ above the top level, also inside #if, which opens no level", () => {
    expect(refusal("{{../company}}")).toBe('mine.hbs: line 1: "../company" climbs above the top level');
    expect(refusal("{{#if complete}}\n{{../company}}{{/if}}")).toBe(
      'mine.hbs: line 2: "../company" climbs above the top level',
    );
    expect(() => checkTemplate("{{#each frameworks}}{{../company}}{{/each}}", "mine.hbs")).not.toThrow();
  });

  it("checks inside #with against the value it opens", () => {
    expect(refusal("{{#with thresholds}}{{attack_gap_bellow}}{{/with}}")).toBe(
      'mine.hbs: line 1: unknown variable "attack_gap_bellow" (variables here: attack_gap_below, triage_sla_minutes)',
    );
    expect(refusal("{{#with period}}{{company}}{{/with}}")).toBe(
      'mine.hbs: line 1: unknown variable "company" (variables here: label, from, to, timezone, days)',
    );
  });

  it("checks an #each's else branch against the outer level", () => {
    expect(refusal("{{#each frameworks}}{{name}}{{else}}{{nmae}}{{/each}}")).toBe(
      `mine.hbs: line 1: unknown variable "nmae" (variables here: ${ROOT_VARIABLES})`,
    );
  });

  it("checks a helper's arguments in sub-expressions and in hash values", () => {
    expect(refusal('{{plural (join compnay) "a" "b"}}')).toBe(
      `mine.hbs: line 1: unknown variable "compnay" (variables here: ${ROOT_VARIABLES})`,
    );
    expect(refusal("{{join frameworks sep=compnay}}")).toBe(
      `mine.hbs: line 1: unknown variable "compnay" (variables here: ${ROOT_VARIABLES})`,
    );
  });

  it("checks the arguments of a helper named by a literal, which would otherwise print nothing", () => {
    expect(refusal('{{"join" compnay ", "}}')).toBe(
      `mine.hbs: line 1: unknown variable "compnay" (variables here: ${ROOT_VARIABLES})`,
    );
    expect(rendered('{{"join" missing_collectors "+"}}')).toBe("signals+rules");
  });

  it("refuses a helper used as a block, a block without a value, partial blocks and decorators", () => {
    expect(refusal("{{#join frameworks}}x{{/join}}")).toBe(
      'mine.hbs: line 1: "join" is not a block helper (use if, unless, each or with)',
    );
    expect(refusal("{{#if}}x{{/if}}")).toBe("mine.hbs: line 1: #if needs a value");
    const unsupported = "mine.hbs: line 1: partials and decorators are not supported in report templates";
    expect(refusal("{{#> header}}x{{/header}}")).toBe(unsupported);
    expect(refusal("{{#*inline 'x'}}y{{/inline}}")).toBe(unsupported);
    expect(refusal("{{* dec}}")).toBe(unsupported);
  });

  it("gives a syntax error on one line", () => {
    expect(refusal("{{#if attack}}unclosed")).toBe(
      "mine.hbs: Parse error on line 1: ...#if attack}}unclosed -----------------------^ Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
    );
  });
});

describe("the loader's refusals", () => {
  it("names a shipped file it cannot read by its place in report-templates/", async () => {
    expect(await loadError(null, [{ ...NARRATIVE_TEMPLATES, files: ["absent.hbs"] }])).toBe(
      "report-templates/absent.hbs: cannot read the template (ENOENT)",
    );
    expect(await loadError(null, [{ ...HTML_TEMPLATES, files: ["absent.hbs"] }])).toBe(
      "report-templates/html/absent.hbs: cannot read the template (ENOENT)",
    );
  });

  it("names a user's template it cannot read by its path", async () => {
    const dir = scratchDir("templates");
    mkdirSync(join(dir, "cover.hbs"));
    expect(await loadError(dir)).toBe(`${join(dir, "cover.hbs")}: cannot read the template (EISDIR)`);
  });

  it("refuses an html entry that is not a folder, and leaves a missing one alone", async () => {
    const dir = scratchDir("templates", { html: "not a folder" });
    expect(await loadError(dir)).toBe(`${join(dir, "html")}: cannot read the templates folder (ENOTDIR)`);
    const sources = await loadTemplates(scratchDir("templates", { "cover.hbs": "x" }));
    expect(sources.cover).toBe("x");
  });

  it("refuses the first unknown template in name order", async () => {
    const dir = scratchDir("templates", { "zz.hbs": "x", "mm.hbs": "x", "aa.hbs": "x", "qq.hbs": "x" });
    expect(await loadError(dir)).toMatch(new RegExp(`^${join(dir, "aa.hbs")}: not a ddproof template; `));
  });

  it("takes name order from the loader's own sort, not from how the folder lists its files", async () => {
    // Node lists a folder in byte order (UTF-8), which puts U+FF41 (ａ) before U+1F600 (😀); JavaScript's
    // order (UTF-16 units) puts 😀 first. The loader's answer must not change with the listing.
    const dir = scratchDir("templates", { "\uFF41.hbs": "x", "\u{1F600}.hbs": "x" });
    expect(await loadError(dir)).toMatch(new RegExp(`^${join(dir, "\u{1F600}.hbs")}: not a ddproof template; `, "u"));
  });

  it("claims only files ending in .hbs, leaving a backup copy alone", async () => {
    const dir = scratchDir("templates", { "cover.hbs.orig": "{{compnay}}", "html/report.hbs~": "{{{x}}}" });
    const shipped = await loadTemplates(null);
    expect(await loadTemplates(dir)).toEqual(shipped);
    expect(SHIPPED_TEMPLATES_DIR).toMatch(/report-templates$/);
  });
});
