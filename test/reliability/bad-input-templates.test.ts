/**
 * A user's templates (`--templates DIR`: the PDF narrative at its top, the
 * HTML report in `DIR/html/`) wrong in turn: broken syntax, unknown
 * variables, unescaped output, unknown helpers and partials, and attempts to
 * reach outside the data (partials naming files, the prototype chain, the
 * console). Each stops the run with exit 2, naming the file (and line), and
 * no pack is written. Property-based: a bad line inserted at any line of any
 * shipped template is found at that line.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_PAGE_FILE, HTML_PARTIALS, HTML_STYLE_FILE, HTML_TEMPLATES } from "../../src/report/html/templates.js";
import { SHIPPED_TEMPLATES_DIR, shippedDir } from "../../src/report/template-loader.js";
import { TEMPLATE_NAMES } from "../../src/report/templates.js";
import { pdfText } from "../helpers/pdf.js";
import { cli } from "../helpers/run-cli.js";
import { collectSnapshotFile } from "./fixtures/collected-snapshot.js";
import { escapeRegExp } from "./fixtures/wrong-values.js";

const SHIPPED_HTML_TEMPLATES_DIR = shippedDir(HTML_TEMPLATES);

let dir: string;
let snapshot: string;
let config: string;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-templates-"));
  snapshot = join(dir, "snapshot.json");
  config = join(dir, "ddproof.yaml");
  await writeFile(config, "frameworks: [pci-dss-4.0.1]\n");
  await collectSnapshotFile(snapshot);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A templates folder holding one file (`cover.hbs` or `html/report.hbs`), and the path errors should name. */
async function templatesWith(name: string, text: string): Promise<{ dir: string; file: string }> {
  const folder = join(dir, `templates-${runs}`);
  const file = join(folder, name);
  await mkdir(join(folder, "html"), { recursive: true });
  await writeFile(file, text);
  return { dir: folder, file };
}

/** `report --kind evidence` (every template is used) with the folder; exit 2, no pack; returns stderr. */
async function reportFails(templates: string): Promise<string> {
  const out = join(dir, `pack-${runs}`);
  runs += 1;
  const run = await cli([
    "report",
    "--config",
    config,
    "--snapshot",
    snapshot,
    "--kind",
    "evidence",
    "--out",
    out,
    "--templates",
    templates,
  ]);
  expect(run.code, run.stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  return run.stderr;
}

const identifier = fc.stringMatching(/^[a-z]{3,10}$/).map((word) => `zz_${word}`);

function insertLine(text: string, index: number, line: string): string {
  const lines = text.split("\n");
  lines.splice(index, 0, line);
  return lines.join("\n");
}

describe("PDF narrative templates", () => {
  it("an unknown variable on any line of any template is named with its file and line", async () => {
    const shipped = Object.fromEntries(
      await Promise.all(
        TEMPLATE_NAMES.map(
          async (name) => [name, await readFile(join(SHIPPED_TEMPLATES_DIR, `${name}.hbs`), "utf8")] as const,
        ),
      ),
    );
    const spot = fc.constantFrom(...TEMPLATE_NAMES).chain((name) =>
      fc.record({
        name: fc.constant(name),
        line: fc.nat({ max: shipped[name]!.split("\n").length }),
        variable: identifier,
      }),
    );
    await fc.assert(
      fc.asyncProperty(spot, async ({ name, line, variable }) => {
        const user = await templatesWith(`${name}.hbs`, insertLine(shipped[name]!, line, `{{${variable}}}`));
        expect(await reportFails(user.dir)).toContain(`${user.file}: line ${line + 1}: unknown variable "${variable}"`);
      }),
      { numRuns: 15 },
    );
  });

  it.each([
    ["a block left open", "{{#if complete}}all good", /: Parse error on line 1/],
    ["an unknown helper", "{{shout company}}", /: You specified knownHelpersOnly, but used the unknown helper shout/],
    ["the console helper", '{{log "x"}}', /: You specified knownHelpersOnly, but used the unknown helper log/],
    ["a partial naming an absolute file", "{{> /etc/passwd}}", /: Parse error on line 1/],
    [
      "a partial naming a relative file",
      "{{> etc/passwd}}",
      /: line 1: partials and decorators are not supported in report templates/,
    ],
    ["a variable above the top level", "{{../company}}", /: line 1: "\.\.\/company" climbs above the top level/],
    ["a data variable", "{{@root.process}}", /: line 1: unknown variable "@root.process"/],
  ])("cover.hbs with %s: exit 2 naming the file", async (_name, text, message) => {
    const user = await templatesWith("cover.hbs", text);
    expect(await reportFails(user.dir)).toMatch(new RegExp(`${escapeRegExp(user.file)}${message.source}`));
  });

  it("a template reaching for the prototype chain gets nothing from it", async () => {
    // If prototype access were allowed, `constructor` would be Object and its name would print.
    const user = await templatesWith("cover.hbs", 'Reached: {{#with (lookup this "constructor")}}{{name}}{{/with}}.');
    const out = join(dir, `pack-${runs++}`);
    const run = await cli([
      "report",
      "--config",
      config,
      "--snapshot",
      snapshot,
      "--kind",
      "gap",
      "--out",
      out,
      "--templates",
      user.dir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const cover = (await pdfText(await readFile(join(out, "gap-report.pdf")))).split("\f")[0]!;
    expect(cover).toContain("Reached: .");
    expect(cover).not.toMatch(/Reached: [^.]/);
  });

  it("a .hbs file that names no template is refused, not ignored", async () => {
    const user = await templatesWith("covr.hbs", "{{company}}");
    expect(await reportFails(user.dir)).toContain(`${user.file}: not a ddproof template; expected one of`);
  });
});

describe("HTML report templates", () => {
  const HBS_FILES = [HTML_PAGE_FILE, ...HTML_PARTIALS.map((name) => `${name}.hbs`), HTML_STYLE_FILE];

  it("unescaped output on any line of any template is named with its file and line", async () => {
    const shipped = Object.fromEntries(
      await Promise.all(
        HBS_FILES.map(async (file) => [file, await readFile(join(SHIPPED_HTML_TEMPLATES_DIR, file), "utf8")] as const),
      ),
    );
    const spot = fc.constantFrom(...HBS_FILES).chain((file) =>
      fc.record({
        file: fc.constant(file),
        line: fc.nat({ max: shipped[file]!.split("\n").length }),
        variable: identifier,
        triple: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(spot, async ({ file, line, variable, triple }) => {
        const user = await templatesWith(
          join("html", file),
          insertLine(shipped[file]!, line, triple ? `{{{${variable}}}}` : `{{&${variable}}}`),
        );
        expect(await reportFails(user.dir)).toContain(
          `${user.file}: line ${line + 1}: {{{…}}} and {{&…}} print a value without HTML escaping`,
        );
      }),
      { numRuns: 15 },
    );
  });

  it.each([
    ["report.hbs", "{{#each frameworks}}", /report\.hbs: Parse error on line 1/],
    ["report.hbs", "{{> (lookup . 'x')}}", /report\.hbs: line 1: unknown partial/],
    ["report.hbs", "{{> evil}}", /report\.hbs: line 1: unknown partial; the HTML report has header/],
    ["report.hbs", "{{zz_unknown}}", /html\/report\.hbs: "zz_unknown" not defined/],
    [
      "style.css.hbs",
      "</style><script>alert(1)</script>",
      /html\/style\.css\.hbs: line 1: "<\/style" would end the inline <style> element early/,
    ],
    [
      "app.js",
      "document.write('</script>')",
      /app\.js: line 1: "<\/script" would end the inline <script> element early/,
    ],
    ["evil.hbs", "{{facts.company}}", /evil\.hbs: not a template of the HTML report/],
  ])("html/%s with %s: exit 2 naming the file", async (file, text, message) => {
    const user = await templatesWith(join("html", file), text);
    expect(await reportFails(user.dir)).toMatch(message);
  });
});
