/**
 * How report.html is put together, pinned value for value: the inline-block
 * safety (JSON escaping, newline normalising, break-out checks with their
 * line, hashes and the policy), the template checks and their messages, and
 * what the page template is given (views, versions, the data block, the
 * policy), rendered through minimal templates so every value shows.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import type { ReportInput } from "../../../src/report/contract.js";
import { attackSection } from "../../../src/report/html/attack-view.js";
import {
  checkInlineAsset,
  contentSecurityPolicy,
  cspHash,
  normaliseNewlines,
  scriptSafeJson,
} from "../../../src/report/html/inline-assets.js";
import { HTML_VIEWS, INITIAL_VIEW, renderHtmlReport } from "../../../src/report/html/page.js";
import {
  checkHtmlTemplate,
  HTML_PAGE_FILE,
  HTML_PARTIALS,
  HTML_SCRIPT_FILE,
  HTML_STYLE_FILE,
  HTML_TEMPLATE_FILES,
  HTML_TEMPLATES,
  HTML_TEMPLATES_SUBDIR,
  htmlTemplateKey,
  htmlTemplatesOf,
  renderHtmlPage,
  renderHtmlStyle,
} from "../../../src/report/html/templates.js";
import { reportInput } from "../data/fixtures/report-input.js";

const EMPTY_SHA256 = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("inline blocks", () => {
  it("escapes the characters that could end or bend a script element, and the JSON still parses", () => {
    const value = { text: "</script><!-- & \u2028\u2029 >" };
    const json = scriptSafeJson(value);
    expect(json).toBe('{"text":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
    expect(JSON.parse(json)).toEqual(value);
    expect(scriptSafeJson([1, "a"])).toBe('[1,"a"]');
  });

  it("turns CR LF and lone CR into LF", () => {
    expect(normaliseNewlines("a\r\nb\rc\nd\r\r\n")).toBe("a\nb\nc\nd\n\n");
  });

  it("refuses a block that would end its element, naming the file, the line and the text", () => {
    const style = thrown(() => checkInlineAsset("a {}\nb {}\n</STYLE>", "style", "html/style.css.hbs"));
    expect(style).toBeInstanceOf(InputError);
    expect(style.message).toBe(
      'html/style.css.hbs: line 3: "</STYLE" would end the inline <style> element early; remove it',
    );
    expect(thrown(() => checkInlineAsset("x\n// </Script>", "script", "html/app.js")).message).toBe(
      'html/app.js: line 2: "</Script" would end the inline <script> element early; remove it',
    );
    expect(thrown(() => checkInlineAsset("let a = '<!--';", "script", "app.js")).message).toBe(
      'app.js: line 1: "<!--" would end the inline <script> element early; remove it',
    );
    // Each element is checked for its own end only.
    expect(() => checkInlineAsset("'</script>' <!--", "style", "s")).not.toThrow();
    expect(() => checkInlineAsset("'</style>'", "script", "s")).not.toThrow();
    expect(() => checkInlineAsset("</scrip", "script", "s")).not.toThrow();
  });

  it("hashes a block for the policy, and allows only the hashed blocks", () => {
    expect(cspHash("")).toBe(EMPTY_SHA256);
    expect(cspHash("é")).toBe("'sha256-SplVfkAzw1Od4utlRyAXytX5VX96BiWgnxw/biumnEw='");
    expect(contentSecurityPolicy({ style: "", script: null })).toBe(
      `default-src 'none'; style-src ${EMPTY_SHA256}; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(contentSecurityPolicy({ style: "é", script: "" })).toBe(
      `default-src 'none'; style-src 'sha256-SplVfkAzw1Od4utlRyAXytX5VX96BiWgnxw/biumnEw='; script-src ${EMPTY_SHA256}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
  });
});

describe("the template set", () => {
  it("names the page, its partials, the stylesheet and the script, under html/", () => {
    expect(HTML_TEMPLATES_SUBDIR).toBe("html");
    expect(htmlTemplateKey("x.hbs")).toBe("html/x.hbs");
    expect(HTML_TEMPLATE_FILES).toEqual([
      "report.hbs",
      "header.hbs",
      "attack.hbs",
      "technique-dialog.hbs",
      "technique-table.hbs",
      "frameworks.hbs",
      "gaps.hbs",
      "actions.hbs",
      "gap-table.hbs",
      "changes.hbs",
      "trend.hbs",
      "footer.hbs",
      "style.css.hbs",
      "app.js",
    ]);
    expect(HTML_TEMPLATES.subdir).toBe("html");
    expect(HTML_TEMPLATES.files).toBe(HTML_TEMPLATE_FILES);
    expect(HTML_TEMPLATES.describedAs).toBe("a template of the HTML report");
    expect(HTML_TEMPLATES.key("report.hbs")).toBe("html/report.hbs");
    expect(["a.hbs", "b.js", "c.css", "d.hbs.bak", "ehbs"].map((file) => HTML_TEMPLATES.claims.test(file))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("checks the script for break-outs and every other file as a template", () => {
    expect(thrown(() => HTML_TEMPLATES.check("app.js", "</script>", "shown.js")).message).toBe(
      'shown.js: line 1: "</script" would end the inline <script> element early; remove it',
    );
    // A script may hold what a template may not.
    expect(() => HTML_TEMPLATES.check("app.js", "const a = '{{{x}}}';", "shown.js")).not.toThrow();
    expect(thrown(() => HTML_TEMPLATES.check("header.hbs", "{{{x}}}", "shown.hbs")).message).toBe(
      "shown.hbs: line 1: {{{…}}} and {{&…}} print a value without HTML escaping; use {{…}}",
    );
  });

  it("refuses unescaped output anywhere, unknown or dynamic partials, partial blocks and decorators, with the line", () => {
    const message = (source: string) => {
      const error = thrown(() => checkHtmlTemplate(source, "html/x.hbs"));
      expect(error).toBeInstanceOf(InputError);
      return error.message;
    };
    const unescaped = "{{{…}}} and {{&…}} print a value without HTML escaping; use {{…}}";
    expect(message("a\n{{&x}}")).toBe(`html/x.hbs: line 2: ${unescaped}`);
    expect(message("{{#if a}}\n\n{{{x}}}{{/if}}")).toBe(`html/x.hbs: line 3: ${unescaped}`);
    expect(message("{{#if a}}{{else}}\n{{{x}}}{{/if}}")).toBe(`html/x.hbs: line 2: ${unescaped}`);
    expect(message("{{#each a}}{{#with b}}\n{{{x}}}{{/with}}{{/each}}")).toBe(`html/x.hbs: line 2: ${unescaped}`);
    const partials = HTML_PARTIALS.join(", ");
    expect(message("{{> nope}}")).toBe(`html/x.hbs: line 1: unknown partial; the HTML report has ${partials}`);
    expect(message("\n{{> (lookup . 'name')}}")).toBe(
      `html/x.hbs: line 2: unknown partial; the HTML report has ${partials}`,
    );
    expect(message("{{#> header}}x{{/header}}")).toBe(
      "html/x.hbs: line 1: partial blocks and decorators are not supported in the HTML report",
    );
    expect(message("{{#*inline 'x'}}y{{/inline}}")).toBe(
      "html/x.hbs: line 1: partial blocks and decorators are not supported in the HTML report",
    );
    expect(message("{{* dec}}")).toBe(
      "html/x.hbs: line 1: partial blocks and decorators are not supported in the HTML report",
    );
    expect(message("{{log x}}")).toMatch(/^html\/x\.hbs: /);
    expect(() => checkHtmlTemplate("{{> header}}{{#if a}}{{b}}{{else}}{{c}}{{/if}}{{!-- note --}}", "f")).not.toThrow();
  });

  it("needs every file among a report's templates", () => {
    const complete = Object.fromEntries(HTML_TEMPLATE_FILES.map((file) => [htmlTemplateKey(file), `<${file}>`]));
    const templates = htmlTemplatesOf(complete);
    expect(templates.page).toBe("<report.hbs>");
    expect(templates.partials["gap-table"]).toBe("<gap-table.hbs>");
    expect(Object.keys(templates.partials)).toEqual([...HTML_PARTIALS]);
    expect(templates.style).toBe("<style.css.hbs>");
    expect(templates.script).toBe("<app.js>");
    const { "html/trend.hbs": _, ...missing } = complete;
    expect(thrown(() => htmlTemplatesOf(missing)).message).toBe("template html/trend.hbs was not loaded");
  });
});

/** Minimal templates printing what the page is given. */
function templates(overrides: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = Object.fromEntries(HTML_PARTIALS.map((name) => [`${name}.hbs`, ""]));
  files["header.hbs"] = "[{{facts.company}}]\n";
  files[HTML_PAGE_FILE] = [
    "csp={{csp}}",
    "kind={{kind}}",
    "views={{#each views}}{{id}}:{{label}}:{{initial}};{{/each}}",
    "versions={{#each versions}}{{name}}={{version}};{{/each}}",
    "unavailable={{attack_unavailable}}",
    "{{> header}}",
    "style={{assets.style}}",
    "script={{assets.script}}",
    "data={{assets.data}}",
  ].join("\n");
  files[HTML_STYLE_FILE] = "s{{#each scores}}{{score}}{{/each}}\r\n{{#each statuses}}{{status}},{{/each}}";
  files[HTML_SCRIPT_FILE] = "run();\r\n";
  for (const [file, text] of Object.entries(overrides)) files[file] = text;
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [htmlTemplateKey(file), text]));
}

interface PageParts {
  csp: string;
  kind: string;
  views: string;
  versions: string;
  unavailable: string;
  header: string;
  style: string;
  script: string;
  data: string;
}

async function page(input: ReportInput): Promise<PageParts> {
  const html = await renderHtmlReport(input);
  const lines = html.split("\n");
  const value = (name: string) => (lines.find((line) => line.startsWith(`${name}=`)) ?? "").slice(name.length + 1);
  return {
    csp: value("csp"),
    kind: value("kind"),
    views: value("views"),
    versions: value("versions"),
    unavailable: value("unavailable"),
    header: lines[5] ?? "",
    style: html.slice(html.indexOf("style=") + 6, html.indexOf("\nscript=")),
    script: html.slice(html.indexOf("script=") + 7, html.indexOf("\ndata=")),
    data: value("data"),
  };
}

describe("the page", () => {
  it("opens the view its pack's reader came for", () => {
    expect(HTML_VIEWS).toEqual(["attack", "frameworks", "gaps"]);
    expect(INITIAL_VIEW).toEqual({ attack: "attack", evidence: "frameworks", gap: "gaps" });
  });

  it("is given the views, versions, the policy for its own blocks and the data the script reads", async () => {
    const input = { ...reportInput(), kind: "gap" as const, templates: templates() };
    const parts = await page(input);
    const style = "s012345\npass,partial,fail,unknown,manual,accepted,not_applicable,";
    expect(parts.style).toBe(style);
    expect(parts.script).toBe("run();\n");
    expect(parts.csp).toBe(
      contentSecurityPolicy({ style, script: "run();\n" }).replaceAll("'", "&#x27;").replaceAll("=", "&#x3D;"),
    );
    expect(parts.kind).toBe("gap");
    expect(parts.views).toBe("attack:ATT&amp;CK matrix:false;frameworks:Frameworks:false;gaps:Gaps and changes:true;");
    expect(parts.versions).toBe("ddproof=0.1.0;mitre-attack=18.1;");
    expect(parts.unavailable).toBe("");
    expect(parts.header).toBe("[Test org]");
    const data = JSON.parse(parts.data);
    expect(data.initial_view).toBe("gaps");
    expect(data.attack.gap_below).toBe(3);
    expect(data.attack.scores[0]).toEqual({
      score: 0,
      label: "No coverage",
      meaning: "No enabled rule, and no ingesting source that ATT&CK says can see it.",
    });
    expect(data.attack.scores).toHaveLength(6);
    expect(data.attack.techniques).toEqual(JSON.parse(JSON.stringify(attackSection(input).details)));
    expect(data.controls).toHaveLength(7);
    expect(data.controls[0]).toEqual({
      key: "0/0",
      id: "1",
      title: "Logging",
      status: "partial",
      reason: "Rolled up from 2 child controls: 1 manual, 1 pass",
    });
  });

  it("has no ATT&CK data without ATT&CK, and says why", async () => {
    const input = { ...reportInput(), kind: "evidence" as const, attack: null, templates: templates() };
    const parts = await page(input);
    expect(parts.views).toBe("attack:ATT&amp;CK matrix:false;frameworks:Frameworks:true;gaps:Gaps and changes:false;");
    expect(parts.unavailable).toMatch(/^The ATT&amp;CK catalog was not loaded/);
    const data = JSON.parse(parts.data);
    expect(data.initial_view).toBe("frameworks");
    expect(data.attack).toBeNull();
  });

  it("refuses a stylesheet or script that would end its element, naming the template", async () => {
    const input = reportInput();
    await expect(
      renderHtmlReport({ ...input, templates: templates({ [HTML_STYLE_FILE]: "a\n</style>" }) }),
    ).rejects.toThrow('html/style.css.hbs: line 2: "</style" would end the inline <style> element early; remove it');
    await expect(renderHtmlReport({ ...input, templates: templates({ [HTML_SCRIPT_FILE]: "<!--" }) })).rejects.toThrow(
      'html/app.js: line 1: "<!--" would end the inline <script> element early; remove it',
    );
  });

  it("names the page (or the stylesheet) when a value is missing, on one line", () => {
    const parts = htmlTemplatesOf(templates({ "footer.hbs": "{{nothing.here}}", [HTML_PAGE_FILE]: "{{> footer}}" }));
    const error = thrown(() => renderHtmlPage(parts, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^html\/report\.hbs: "here" not defined in/);
    expect(error.message).not.toContain("\n");
    const style = thrown(() => renderHtmlStyle(htmlTemplatesOf(templates({ [HTML_STYLE_FILE]: "{{x}}" })), {}));
    expect(style.message).toMatch(/^html\/style\.css\.hbs: "x" not defined in/);
    const unsafe = thrown(() => renderHtmlPage(htmlTemplatesOf(templates({ "gaps.hbs": "{{{x}}}" })), {}));
    expect(unsafe.message).toBe(
      "html/gaps.hbs: line 1: {{{…}}} and {{&…}} print a value without HTML escaping; use {{…}}",
    );
  });
});
