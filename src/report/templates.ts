/**
 * The narrative templates of the reports: their names, the variables they may
 * use, checking and rendering. template-loader.ts loads them (the shipped
 * report-templates/ folder, overridden file by file by a user's
 * `--templates DIR`).
 *
 * Every template is checked when it is loaded, so a bad user template stops
 * the run before anything is written: it must compile, may call only the
 * helpers below (Handlebars `knownHelpersOnly`), and may name only documented
 * variables (a walk of its syntax tree against NarrativeContext). Rendering
 * runs in strict mode as a second net, so a missing value is an error naming
 * the template file, never a silently empty sentence.
 */
import Handlebars from "handlebars";
import { z } from "zod";
import { StatusSummary } from "../assess/schema.js";
import { InputError } from "../errors.js";
import { REPORT_KINDS, type TemplateSources } from "./contract.js";
import type { TemplateSet } from "./template-loader.js";

type CompileOptions = Parameters<typeof Handlebars.precompile>[1];

export const TEMPLATE_EXTENSION = ".hbs";

/** Every template ddproof renders; report-templates/ holds exactly these (a test checks). */
export const TEMPLATE_NAMES = [
  "cover",
  "evidence-summary",
  "gap-intro",
  "changes-intro",
  "attack-intro",
  "collection-appendix",
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const Count = z.number().int().nonnegative();

/** The variables every template may use (documented in report-templates/README.md). */
export const NarrativeContext = z.object({
  report: z.object({ kind: z.enum(REPORT_KINDS), title: z.string() }),
  /** The organisation's name (config `org_name`), or its Datadog site when it has none. */
  company: z.string(),
  org: z.object({ name: z.string().nullable(), site: z.string() }),
  period: z.object({ label: z.string(), from: z.string(), to: z.string(), timezone: z.string(), days: Count }),
  collected_at: z.string(),
  tool_version: z.string(),
  complete: z.boolean(),
  missing_collectors: z.array(z.string()),
  collectors: z.object({ total: Count, ok: Count, failed: Count, requests: Count, retries: Count }),
  frameworks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      controls: Count,
      counts: StatusSummary,
      gaps: Count,
    }),
  ),
  attack: z
    .object({
      version: z.string(),
      techniques: Count,
      sub_techniques: Count,
      gaps: Count,
      gap_below: Count,
      by_score: z.array(z.object({ score: Count, label: z.string(), count: Count })),
    })
    .nullable(),
  thresholds: z.object({
    attack_gap_below: Count,
    triage_sla_minutes: z.object({ critical: z.number(), high: z.number() }),
  }),
  gaps: z.object({ total: Count, controls: Count, techniques: Count }),
  previous: z.object({ label: z.string(), collected_at: z.string() }).nullable(),
});
export type NarrativeContext = z.infer<typeof NarrativeContext>;

/** Helpers a template may call besides Handlebars' if, unless, each, with and lookup. */
const HELPERS = {
  /** `{{join list ", "}}` */
  join: (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === "string" ? separator : ", ") : "",
  /** `{{plural count "gap" "gaps"}}` → "1 gap", "3 gaps" */
  plural: (count: unknown, singular: unknown, plural: unknown) =>
    `${String(count)} ${count === 1 ? String(singular) : String(plural)}`,
};

const handlebars = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with"]);
/** `log` writes to the console; it has no place in a report. */
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { ...Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])), log: false },
};

// ------------------------------------------------------------ variable check

type Schema = z.ZodType;
interface Scope {
  schema: Schema | null;
  /** The names a block gives its items (`{{#each list as |item|}}`); handlebars leaves them out when there are none. */
  blockParams?: readonly string[];
}

function unwrap(schema: Schema): Schema {
  return schema instanceof z.ZodNullable || schema instanceof z.ZodOptional
    ? unwrap(schema.unwrap() as Schema)
    : schema;
}

/** The schema a dotted path leads to, or an error message naming the first unknown part. */
function resolvePath(schema: Schema, parts: readonly string[], shown: string): Schema | string {
  let current = schema;
  for (const part of parts) {
    const inner = unwrap(current);
    if (inner instanceof z.ZodObject && part in inner.shape) current = inner.shape[part] as Schema;
    else if (inner instanceof z.ZodArray && part === "length") current = z.number();
    else {
      const known = inner instanceof z.ZodObject ? Object.keys(inner.shape).join(", ") : "none (it is not an object)";
      return `unknown variable "${shown}" (variables here: ${known})`;
    }
  }
  return current;
}

class TemplateChecker {
  constructor(
    private readonly file: string,
    private readonly root: Schema,
  ) {}

  private fail(node: hbs.AST.Node, message: string): never {
    throw new InputError(`${this.file}: line ${node.loc.start.line}: ${message}`);
  }

  /** Checks a path used as a value and returns the schema it leads to (null when it cannot be known). */
  private path(node: hbs.AST.PathExpression, scopes: readonly Scope[]): Schema | null {
    if (node.data) {
      const [head, ...rest] = node.parts;
      if (head === "root") return this.resolved(node, resolvePath(this.root, rest, node.original));
      if (head === "index" || head === "key" || head === "first" || head === "last") return null;
      return this.fail(node, `unknown data variable "${node.original}"`);
    }
    const scope = scopes[scopes.length - 1 - node.depth];
    if (scope === undefined) return this.fail(node, `"${node.original}" climbs above the top level`);
    if (node.parts[0] !== undefined && scope.blockParams?.includes(node.parts[0])) return null;
    if (scope.schema === null) return null;
    return this.resolved(node, resolvePath(scope.schema, node.parts, node.original));
  }

  private resolved(node: hbs.AST.Node, result: Schema | string): Schema {
    return typeof result === "string" ? this.fail(node, result) : result;
  }

  private expression(node: hbs.AST.Expression, scopes: readonly Scope[]): Schema | null {
    if (node.type === "PathExpression") return this.path(node as hbs.AST.PathExpression, scopes);
    if (node.type === "SubExpression") this.call(node as hbs.AST.SubExpression, scopes);
    return null;
  }

  private call(node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }, scopes: readonly Scope[]): void {
    node.params.forEach((param) => this.expression(param, scopes));
    node.hash?.pairs.forEach((pair) => this.expression(pair.value, scopes));
  }

  program(program: hbs.AST.Program | undefined, scopes: readonly Scope[]): void {
    for (const statement of program?.body ?? []) this.statement(statement, scopes);
  }

  private statement(node: hbs.AST.Statement, scopes: readonly Scope[]): void {
    switch (node.type) {
      case "MustacheStatement": {
        const mustache = node as hbs.AST.MustacheStatement;
        // A helper named by a literal (`{{"join" list ", "}}`) is a call too: its values are checked the same.
        const isHelper =
          mustache.params.length > 0 ||
          (mustache.path.type === "PathExpression" && (mustache.path as hbs.AST.PathExpression).original in HELPERS);
        if (isHelper) this.call(mustache, scopes);
        else this.expression(mustache.path as hbs.AST.Expression, scopes);
        return;
      }
      case "BlockStatement":
        this.block(node as hbs.AST.BlockStatement, scopes);
        return;
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        this.fail(node, "partials and decorators are not supported in report templates");
        return;
      default:
        return; // text and comments
    }
  }

  private block(node: hbs.AST.BlockStatement, scopes: readonly Scope[]): void {
    const helper = node.path.original;
    if (!BLOCK_HELPERS.has(helper)) this.fail(node, `"${helper}" is not a block helper (use if, unless, each or with)`);
    const [subject] = node.params;
    if (subject === undefined) this.fail(node, `#${helper} needs a value`);
    const value = this.expression(subject, scopes);
    let inner: Schema | null = scopes[scopes.length - 1]?.schema ?? null;
    if (helper === "each") {
      const list = value === null ? null : unwrap(value);
      inner = list instanceof z.ZodArray ? (list.element as Schema) : null;
    } else if (helper === "with") {
      inner = value;
    }
    const changesContext = helper === "each" || helper === "with";
    const blockScopes = changesContext ? [...scopes, { schema: inner, blockParams: node.program.blockParams }] : scopes;
    this.program(node.program, blockScopes);
    this.program(node.inverse, scopes);
  }
}

/**
 * Parses a template and compiles it with `options` (which catches unknown
 * helpers); a syntax or compile error becomes an InputError naming the file.
 * Shared by the PDF narrative and the HTML report templates.
 */
export function parseTemplate(source: string, file: string, options: CompileOptions): hbs.AST.Program {
  try {
    const ast = handlebars.parse(source);
    handlebars.precompile(source, options);
    return ast;
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message.split("\n").join(" ")}`);
  }
}

/**
 * Throws an InputError naming `file` (and the line) when the template does
 * not compile, calls an unknown helper or names an undocumented variable.
 */
export function checkTemplate(source: string, file: string): void {
  const ast = parseTemplate(source, file, COMPILE_OPTIONS);
  new TemplateChecker(file, NarrativeContext).program(ast, [{ schema: NarrativeContext }]);
}

// ------------------------------------------------------------------- loading

const fileName = (name: string) => `${name}${TEMPLATE_EXTENSION}`;

/** The narrative templates, at the top of report-templates/ and of a user's folder (template-loader.ts loads them). */
export const NARRATIVE_TEMPLATES: TemplateSet = {
  subdir: "",
  files: TEMPLATE_NAMES.map(fileName),
  claims: /\.hbs$/,
  describedAs: "a ddproof template",
  key: (file) => file.slice(0, -TEMPLATE_EXTENSION.length),
  check: (_file, source, shown) => checkTemplate(source, shown),
};

// ----------------------------------------------------------------- rendering

export interface RenderOptions {
  /**
   * HTML-escape values. PDF text is not markup, so the PDF reports render
   * with escaping off (`noEscape`): "AT&T" must print as AT&T, not AT&amp;T.
   * An HTML report must keep it on.
   */
  escape: boolean;
}

/** Renders one template; errors name the template file. */
export function renderTemplate(
  templates: TemplateSources,
  name: TemplateName,
  context: NarrativeContext,
  options: RenderOptions,
): string {
  const source = templates[name];
  if (source === undefined) throw new Error(`template ${fileName(name)} was not loaded`);
  try {
    const template = handlebars.compile(source, { ...COMPILE_OPTIONS, noEscape: !options.escape });
    return template(context);
  } catch (error) {
    throw new InputError(`${fileName(name)}: ${(error as Error).message.split("\n").join(" ")}`);
  }
}
