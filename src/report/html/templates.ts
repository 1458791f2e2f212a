/**
 * The templates of report.html: the page, its partials, its stylesheet and
 * its script, all in report-templates/html/. A user overrides any of them
 * file by file with `--templates DIR`, putting the copies in `DIR/html/`
 * (the narrative templates stay at the top of DIR); ../template-loader.ts
 * loads both the same way. Unlike the PDF narrative, HTML keeps escaping on.
 *
 * Every Handlebars template is checked before anything is written: it must
 * compile, may call only Handlebars' own helpers, may include only the
 * partials below, and may never print a value unescaped (`{{{x}}}` or
 * `{{&x}}`). The page's own inline blocks (stylesheet, script, JSON data)
 * arrive as SafeStrings made by page.ts, never from the data. Rendering is
 * strict: a missing value is an error naming the template, not a blank.
 */
import Handlebars from "handlebars";
import { InputError } from "../../errors.js";
import type { TemplateSources } from "../contract.js";
import type { TemplateSet } from "../template-loader.js";
import { parseTemplate } from "../templates.js";
import { checkInlineAsset } from "./inline-assets.js";

/** The sub-folder of report-templates/ (and of a user's templates folder) holding the HTML report. */
export const HTML_TEMPLATES_SUBDIR = "html";

/** Partials the page includes as `{{> name}}`; each is `<name>.hbs`. */
export const HTML_PARTIALS = [
  "header",
  "attack",
  "technique-dialog",
  "technique-table",
  "frameworks",
  "gaps",
  "actions",
  "gap-table",
  "changes",
  "trend",
  "footer",
] as const;
export type HtmlPartial = (typeof HTML_PARTIALS)[number];

export const HTML_PAGE_FILE = "report.hbs";
/** A Handlebars template too: the colour rules come from the score and status tables. */
export const HTML_STYLE_FILE = "style.css.hbs";
/** Plain JavaScript, embedded as it is. */
export const HTML_SCRIPT_FILE = "app.js";

export const HTML_TEMPLATE_FILES: readonly string[] = [
  HTML_PAGE_FILE,
  ...HTML_PARTIALS.map((name) => `${name}.hbs`),
  HTML_STYLE_FILE,
  HTML_SCRIPT_FILE,
];

/** Where the HTML templates sit among a report's TemplateSources: `html/report.hbs`, … */
export function htmlTemplateKey(file: string): string {
  return `${HTML_TEMPLATES_SUBDIR}/${file}`;
}

export interface HtmlTemplates {
  page: string;
  partials: Record<HtmlPartial, string>;
  style: string;
  script: string;
}

const handlebars = Handlebars.create();
/** Only Handlebars' own if/unless/each/with/lookup; `log` would write to the console. */
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: { log: false } };

// ------------------------------------------------------------------ checking

function fail(file: string, node: hbs.AST.Node, message: string): never {
  throw new InputError(`${file}: line ${node.loc.start.line}: ${message}`);
}

/** Walks every statement, refusing unescaped output and unknown or dynamic partials. */
function checkStatements(file: string, program: hbs.AST.Program | undefined): void {
  for (const node of program?.body ?? []) {
    switch (node.type) {
      case "MustacheStatement":
        if (!(node as hbs.AST.MustacheStatement).escaped) {
          fail(file, node, "{{{…}}} and {{&…}} print a value without HTML escaping; use {{…}}");
        }
        break;
      case "BlockStatement": {
        const block = node as hbs.AST.BlockStatement;
        checkStatements(file, block.program);
        checkStatements(file, block.inverse);
        break;
      }
      case "PartialStatement": {
        const name = (node as hbs.AST.PartialStatement).name;
        const known =
          name.type === "PathExpression" &&
          (HTML_PARTIALS as readonly string[]).includes((name as hbs.AST.PathExpression).original);
        if (!known) fail(file, node, `unknown partial; the HTML report has ${HTML_PARTIALS.join(", ")}`);
        break;
      }
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        fail(file, node, "partial blocks and decorators are not supported in the HTML report");
        break;
      default:
        break; // text and comments
    }
  }
}

/** Throws an InputError naming `file` (and the line) when the template is not safe to render. */
export function checkHtmlTemplate(source: string, file: string): void {
  checkStatements(file, parseTemplate(source, file, COMPILE_OPTIONS));
}

function checkFile(file: string, source: string, shown: string): void {
  if (file === HTML_SCRIPT_FILE) checkInlineAsset(source, "script", shown);
  else checkHtmlTemplate(source, shown);
}

// ------------------------------------------------------------------- loading

/** The HTML report's templates, in html/ (template-loader.ts loads them), keyed `html/report.hbs`, … */
export const HTML_TEMPLATES: TemplateSet = {
  subdir: HTML_TEMPLATES_SUBDIR,
  files: HTML_TEMPLATE_FILES,
  claims: /\.(hbs|js)$/,
  describedAs: "a template of the HTML report",
  key: htmlTemplateKey,
  check: checkFile,
};

/** The HTML templates of a report input, which must hold them all (template-loader.ts's withShippedTemplates). */
export function htmlTemplatesOf(templates: TemplateSources): HtmlTemplates {
  const source = (file: string) => {
    const text = templates[htmlTemplateKey(file)];
    if (text === undefined) throw new Error(`template ${htmlTemplateKey(file)} was not loaded`);
    return text;
  };
  return {
    page: source(HTML_PAGE_FILE),
    partials: Object.fromEntries(HTML_PARTIALS.map((name) => [name, source(`${name}.hbs`)])) as Record<
      HtmlPartial,
      string
    >,
    style: source(HTML_STYLE_FILE),
    script: source(HTML_SCRIPT_FILE),
  };
}

// ----------------------------------------------------------------- rendering

function compile(source: string, file: string): Handlebars.TemplateDelegate {
  checkHtmlTemplate(source, file);
  return handlebars.compile(source, COMPILE_OPTIONS);
}

function run(file: string, render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${(error as Error).message.split("\n").join(" ")}`);
  }
}

/** Renders the page with its partials; errors name the template file. */
export function renderHtmlPage(templates: HtmlTemplates, context: object): string {
  const shown = htmlTemplateKey(HTML_PAGE_FILE);
  return run(shown, () => {
    const partials = Object.fromEntries(
      HTML_PARTIALS.map((name) => [name, compile(templates.partials[name], htmlTemplateKey(`${name}.hbs`))]),
    );
    return compile(templates.page, shown)(context, { partials });
  });
}

/** Renders the stylesheet template. */
export function renderHtmlStyle(templates: HtmlTemplates, context: object): string {
  const shown = htmlTemplateKey(HTML_STYLE_FILE);
  return run(shown, () => compile(templates.style, shown)(context));
}
