/**
 * The narrative templates: the shipped set, its README, user overrides, and
 * every way a template can be wrong (each error names the file).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InputError } from "../../../src/errors.js";
import type { ReportInput } from "../../../src/report/contract.js";
import { narrativeContext, textBlocks } from "../../../src/report/pdf/narrative.js";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../../../src/report/template-loader.js";
import {
  checkTemplate,
  NarrativeContext,
  renderTemplate,
  TEMPLATE_NAMES,
  type TemplateName,
} from "../../../src/report/templates.js";
import { scratchDir } from "../../helpers/scratch-dir.js";
import { COMPANY, reportInput } from "./fixtures/report-input.js";

function userDir(files: Record<string, string>): string {
  return scratchDir("templates", files);
}

async function loadError(files: Record<string, string>): Promise<InputError> {
  const dir = userDir(files);
  const error = await loadTemplates(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** Dotted paths of the values a template can print (leaves of the schema), arrays as `name[]`. */
function leafPaths(schema: z.ZodType, prefix = ""): string[] {
  let inner = schema;
  while (inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      leafPaths(child, `${prefix}${key}.`),
    );
  }
  const path = prefix.slice(0, -1);
  if (inner instanceof z.ZodArray) {
    const element = inner.element as z.ZodType;
    return element instanceof z.ZodObject ? leafPaths(element, `${path}[].`) : [path];
  }
  return [path];
}

describe("report templates", () => {
  let input: ReportInput;
  let context: NarrativeContext;

  beforeAll(async () => {
    input = await reportInput();
    context = narrativeContext(input);
  });

  it("report-templates/ holds exactly the known templates, and each passes the checks", () => {
    const files = readdirSync(SHIPPED_TEMPLATES_DIR)
      .filter((name) => name.endsWith(".hbs"))
      .sort();
    expect(files).toEqual([...TEMPLATE_NAMES].map((name) => `${name}.hbs`).sort());
    for (const name of TEMPLATE_NAMES) {
      expect(() => checkTemplate(readFileSync(join(SHIPPED_TEMPLATES_DIR, `${name}.hbs`), "utf8"), name)).not.toThrow();
    }
  });

  it("the README lists every template and every variable", () => {
    const readme = readFileSync(join(SHIPPED_TEMPLATES_DIR, "README.md"), "utf8");
    for (const name of TEMPLATE_NAMES) expect(readme).toContain(`\`${name}.hbs\``);
    const paths = leafPaths(NarrativeContext);
    expect(paths).toContain("frameworks[].counts.pass");
    expect(paths).toContain("missing_collectors");
    for (const path of paths) expect(readme, path).toContain(`| \`${path}\` |`);
  });

  it("every shipped template renders against a real context, in plain text", () => {
    for (const name of TEMPLATE_NAMES) {
      const text = renderTemplate(input.templates, name, context, { escape: false });
      expect(text.includes("&amp;"), name).toBe(false);
    }
    expect(renderTemplate(input.templates, "cover", context, { escape: false })).toContain(
      `for ${COMPANY}, covering 2026-Q3`,
    );
    // The later HTML report keeps escaping on.
    expect(renderTemplate(input.templates, "cover", context, { escape: true })).toContain(
      "Smith &amp; Jones &lt;Ltd&gt;",
    );
  });

  it("a user folder replaces templates file by file", async () => {
    const dir = userDir({
      "cover.hbs": "Prepared for ACME Corp by the {{company}} SOC.",
      "README.md": "not a template",
    });
    const templates = await loadTemplates(dir);
    const shipped = await loadTemplates(null);
    expect(templates.cover).toBe("Prepared for ACME Corp by the {{company}} SOC.");
    expect(templates["gap-intro"]).toBe(shipped["gap-intro"]);
    expect(renderTemplate(templates, "cover", context, { escape: false })).toBe(
      `Prepared for ACME Corp by the ${COMPANY} SOC.`,
    );
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["an unknown helper", { "cover.hbs": "{{shout company}}" }, /cover\.hbs: .*unknown helper shout/],
    ["the log helper", { "cover.hbs": "{{log company}}" }, /cover\.hbs: .*unknown helper log/],
    [
      "a misspelt variable",
      { "gap-intro.hbs": "Hello\n{{compnay}}" },
      /gap-intro\.hbs: line 2: unknown variable "compnay" \(variables here: report, company,/,
    ],
    [
      "a misspelt nested variable",
      { "cover.hbs": "{{period.lable}}" },
      /cover\.hbs: line 1: unknown variable "period\.lable" \(variables here: label, from,/,
    ],
    ["a misspelt variable in #if", { "cover.hbs": "{{#if complet}}x{{/if}}" }, /unknown variable "complet"/],
    [
      "a misspelt field inside #each",
      { "evidence-summary.hbs": "{{#each frameworks}}{{nmae}}{{/each}}" },
      /evidence-summary\.hbs: line 1: unknown variable "nmae" \(variables here: id, name,/,
    ],
    [
      "a wrong @root path",
      { "cover.hbs": "{{#each frameworks}}{{@root.compnay}}{{/each}}" },
      /unknown variable "@root\.compnay"/,
    ],
    ["a partial", { "cover.hbs": "{{> header}}" }, /cover\.hbs: line 1: partials and decorators are not supported/],
    ["a syntax error", { "attack-intro.hbs": "{{#if attack}}unclosed" }, /attack-intro\.hbs: Parse error/],
    [
      "a file that is no template",
      { "covr.hbs": "x" },
      /covr\.hbs: not a ddproof template; expected one of cover\.hbs, /,
    ],
  ])("refuses %s at load, naming the file", async (_name, files, message) => {
    const error = await loadError(files);
    expect(error.message).toMatch(message);
  });

  it("accepts documented variables in every context form", () => {
    const source = [
      '{{company}} {{period.label}} {{frameworks.length}} {{join missing_collectors ", "}} {{plural gaps.total "gap" "gaps"}}',
      "{{#each frameworks}}{{name}} {{counts.pass}} {{@root.company}} {{../company}} {{@index}}{{/each}}",
      "{{#each frameworks as |framework|}}{{framework.name}}{{/each}}",
      "{{#with thresholds}}{{attack_gap_below}}{{/with}}",
      "{{#if attack}}{{attack.version}}{{#each attack.by_score}}{{score}}={{count}}{{/each}}{{else}}none{{/if}}",
    ].join("\n");
    expect(() => checkTemplate(source, "mine.hbs")).not.toThrow();
  });

  it("strict rendering: a value missing at render time is an error naming the template file", () => {
    const templates = { ...input.templates, "changes-intro": "Since {{previous.label}}", cover: "{{compnay}}" };
    const noPrevious = { ...context, previous: null };
    expect(() => renderTemplate(templates, "changes-intro", noPrevious, { escape: false })).toThrow(
      /^changes-intro\.hbs: /,
    );
    // A template handed over without going through loadTemplates is still caught.
    expect(() => renderTemplate(templates, "cover", context, { escape: false })).toThrow(
      /cover\.hbs: "compnay" not defined/,
    );
    expect(() => renderTemplate({}, "cover" as TemplateName, context, { escape: false })).toThrow(
      /cover\.hbs was not loaded/,
    );
  });

  it("plain text becomes paragraphs, and '- ' lines a list", () => {
    expect(textBlocks("First line\nwraps here.\n\n- one\n- two\n\n\nLast.")).toEqual([
      { text: "First line wraps here.", style: "narrative" },
      { ul: ["one", "two"], style: "narrative" },
      { text: "Last.", style: "narrative" },
    ]);
  });

  it("fills the context from the input", () => {
    expect(context).toMatchObject({
      company: COMPANY,
      period: { label: "2026-Q3", from: "2026-07-01 00:00 UTC", to: "2026-10-01 00:00 UTC", timezone: "UTC", days: 92 },
      collected_at: "2026-10-01 06:00 UTC",
      complete: true,
      missing_collectors: [],
      collectors: { total: 11, ok: 11, failed: 0, requests: 11, retries: 0 },
      thresholds: { attack_gap_below: 3 },
      previous: null,
    });
    expect(context.frameworks.map((framework) => framework.id)).toEqual([
      "pci-dss-4.0.1",
      "soc2-2017",
      "hipaa-security-rule",
      "datadog-baseline",
    ]);
    expect(context.attack?.by_score.reduce((sum, row) => sum + row.count, 0)).toBe(context.attack?.techniques);
    expect(context.gaps.total).toBe(context.gaps.controls + context.gaps.techniques);
  });
});
