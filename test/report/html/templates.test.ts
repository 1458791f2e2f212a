/**
 * The HTML report's templates: the shipped set and its README, user
 * overrides from `--templates DIR/html/`, and every way a template can be
 * unsafe or wrong (each error names the file and, where there is one, the
 * line).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import {
  checkHtmlTemplate,
  HTML_TEMPLATE_FILES,
  HTML_TEMPLATES,
  htmlTemplateKey,
} from "../../../src/report/html/templates.js";
import { loadTemplates, shippedDir } from "../../../src/report/template-loader.js";
import { COMPANY, htmlInput, probeInput, RULE_PROBE } from "./fixtures/html-input.js";

const SHIPPED_HTML_TEMPLATES_DIR = shippedDir(HTML_TEMPLATES);
const loadHtmlTemplates = (dir: string | null) => loadTemplates(dir, [HTML_TEMPLATES]);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ddproof-html-templates-"));
  made.push(dir);
  return dir;
}

function userDir(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, "html"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "html", name), text);
  return dir;
}

async function loadError(files: Record<string, string>): Promise<string> {
  const error = await loadHtmlTemplates(userDir(files)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

const shipped = (file: string) => readFileSync(join(SHIPPED_HTML_TEMPLATES_DIR, file), "utf8");

describe("the shipped HTML templates", () => {
  it("are exactly the files the report renders, each documented in the README", () => {
    const files = readdirSync(SHIPPED_HTML_TEMPLATES_DIR).sort();
    expect(files).toEqual([...HTML_TEMPLATE_FILES].sort());
    const readme = readFileSync(new URL("../../../src/report/html/README.md", import.meta.url), "utf8");
    for (const file of HTML_TEMPLATE_FILES) expect(readme, file).toContain(`\`${file}\``);
  });

  it("load under their html/ keys and pass their own checks", async () => {
    const sources = await loadHtmlTemplates(null);
    expect(Object.keys(sources).sort()).toEqual(HTML_TEMPLATE_FILES.map(htmlTemplateKey).sort());
    expect(sources["html/report.hbs"]).toBe(shipped("report.hbs"));
  });
});

describe("user overrides", () => {
  it("replace a shipped template file by file and keep escaping on", async () => {
    const footer =
      '<footer class="report-footer"><p>Reviewed by {{facts.company}} for {{facts.period.label}}: {{attack.notice}}</p></footer>\n';
    const templates = await loadHtmlTemplates(userDir({ "footer.hbs": footer, "notes.txt": "left alone" }));
    expect(templates["html/footer.hbs"]).toBe(footer);
    expect(templates["html/report.hbs"]).toBe(shipped("report.hbs"));
    const html = await renderHtmlReport(htmlInput("attack", { templates }));
    expect(COMPANY).toBe("Example Org & Co");
    expect(html).toContain("<p>Reviewed by Example Org &amp; Co for 2026-Q3: © 2025 The MITRE Corporation.");
    expect(html).not.toContain("Every figure comes from the snapshot");
  });

  it("escape data in an overridden template too", async () => {
    const table = "{{#each table}}<p>{{#each detail.rules}}{{name}};{{/each}}</p>{{/each}}";
    const templates = await loadHtmlTemplates(userDir({ "technique-table.hbs": table }));
    const html = await renderHtmlReport({ ...probeInput("attack"), templates });
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;;");
    expect(html).not.toContain(RULE_PROBE);
  });

  it("may replace the stylesheet and the script; the policy follows their new hashes", async () => {
    const templates = await loadHtmlTemplates(
      userDir({ "style.css.hbs": "body { color: #000000; }\r\n", "app.js": 'document.title = "custom";\n' }),
    );
    const html = await renderHtmlReport(htmlInput("gap", { templates }));
    // Line endings are normalised as the browser's parser would before hashing.
    expect(html).toContain("<style>body { color: #000000; }\n</style>");
    expect(html).toContain('<script>document.title = "custom";\n</script>');
  });

  it("refuse a file that names no template", async () => {
    expect(await loadError({ "fotter.hbs": "x" })).toMatch(
      /html\/fotter\.hbs: not a template of the HTML report; expected one of report\.hbs, header\.hbs/,
    );
  });

  it("leave everything shipped when the folder has no html/ sub-folder", async () => {
    const dir = tempDir();
    expect(await loadHtmlTemplates(dir)).toEqual(await loadHtmlTemplates(null));
  });
});

describe("template checks", () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      "a triple-stash",
      { "footer.hbs": "<p>\n{{{facts.company}}}</p>" },
      /footer\.hbs: line 2: \{\{\{…\}\}\} and \{\{&…\}\} print a value without HTML escaping/,
    ],
    [
      "an ampersand mustache",
      { "header.hbs": "{{#if facts.complete}}{{& facts.company}}{{/if}}" },
      /header\.hbs: line 1: .*without HTML escaping/,
    ],
    [
      "an unknown partial",
      { "gaps.hbs": "{{> sidebar}}" },
      /gaps\.hbs: line 1: unknown partial; the HTML report has header, attack/,
    ],
    ["a helper Handlebars does not know", { "trend.hbs": "{{uppercase facts.company}}" }, /trend\.hbs: .*uppercase/],
    ["a template that does not compile", { "changes.hbs": "{{#if changes}}" }, /changes\.hbs: Parse error/],
    [
      "a script that would end its element",
      { "app.js": "const a = 1;\nconst b = '</script>';\n" },
      /app\.js: line 2: "<\/script" would end the inline <script> element early/,
    ],
  ];
  for (const [what, files, message] of cases) {
    it(`refuse ${what}, naming the file`, async () => {
      expect(await loadError(files)).toMatch(message);
    });
  }

  it("refuse a stylesheet whose output would end the <style> element", async () => {
    const templates = await loadHtmlTemplates(
      userDir({ "style.css.hbs": "p { color: red; }\n</style><script>alert(1)</script>" }),
    );
    await expect(renderHtmlReport(htmlInput("gap", { templates }))).rejects.toThrow(
      /html\/style\.css\.hbs: line 2: "<\/style" would end the inline <style> element early/,
    );
  });

  it("refuse a missing variable when rendering, naming the page", async () => {
    const templates = await loadHtmlTemplates(userDir({ "footer.hbs": "<p>{{facts.compnay}}</p>" }));
    await expect(renderHtmlReport(htmlInput("gap", { templates }))).rejects.toThrow(
      /html\/report\.hbs: "compnay" not defined/,
    );
  });

  it("check templates given directly in a report input as well", async () => {
    const templates = { ...(await loadHtmlTemplates(null)), "html/footer.hbs": "{{{facts.company}}}" };
    await expect(renderHtmlReport(htmlInput("gap", { templates }))).rejects.toThrow(
      /html\/footer\.hbs: line 1: .*without HTML escaping/,
    );
    expect(() => checkHtmlTemplate("{{facts.company}}", "x.hbs")).not.toThrow();
  });
});
