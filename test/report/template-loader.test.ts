/**
 * The one template loader: both template sets (the PDF narrative at the top
 * of a `--templates` folder, the HTML report in its html/ sub-folder) load
 * from one folder with the same rules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { HTML_TEMPLATES } from "../../src/report/html/templates.js";
import {
  loadTemplates,
  SHIPPED_TEMPLATES_DIR,
  shippedDir,
  TEMPLATE_SETS,
  withShippedTemplates,
} from "../../src/report/template-loader.js";
import { NARRATIVE_TEMPLATES } from "../../src/report/templates.js";
import { scratchDir } from "../helpers/scratch-dir.js";

async function loadError(dir: string): Promise<string> {
  const error = await loadTemplates(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe("the template loader", () => {
  it("loads every file of every set, under each set's keys, from report-templates/", async () => {
    const sources = await loadTemplates(null);
    const keys = TEMPLATE_SETS.flatMap((set) => set.files.map((file) => set.key(file)));
    expect(Object.keys(sources).sort()).toEqual([...keys].sort());
    expect(sources.cover).toBe(readFileSync(join(SHIPPED_TEMPLATES_DIR, "cover.hbs"), "utf8"));
    expect(sources["html/footer.hbs"]).toBe(readFileSync(join(shippedDir(HTML_TEMPLATES), "footer.hbs"), "utf8"));
  });

  it("takes a narrative and an HTML override from one folder, file by file", async () => {
    const dir = scratchDir("templates", {
      "cover.hbs": "For {{company}}.",
      "html/footer.hbs": "<footer>{{facts.company}}</footer>",
      "README.md": "not a template",
      "html/notes.txt": "left alone",
    });
    const shipped = await loadTemplates(null);
    const sources = await loadTemplates(dir);
    expect(sources.cover).toBe("For {{company}}.");
    expect(sources["html/footer.hbs"]).toBe("<footer>{{facts.company}}</footer>");
    expect({ ...sources, cover: shipped.cover, "html/footer.hbs": shipped["html/footer.hbs"] }).toEqual(shipped);
  });

  it("checks each override by its own set's rules", async () => {
    // Triple-stash is allowed in the narrative (PDF text), refused in HTML.
    expect((await loadTemplates(scratchDir("templates", { "cover.hbs": "For {{{company}}}." }))).cover).toBe(
      "For {{{company}}}.",
    );
    const dir = scratchDir("templates", { "html/footer.hbs": "<p>{{{facts.company}}}</p>" });
    expect(await loadError(dir)).toMatch(/html\/footer\.hbs: line 1: \{\{\{…\}\}\} and \{\{&…\}\} print a value/);
  });

  it("refuses a file placed in the other set's folder", async () => {
    expect(await loadError(scratchDir("templates", { "report.hbs": "x" }))).toMatch(
      /report\.hbs: not a ddproof template; expected one of cover\.hbs, /,
    );
    expect(await loadError(scratchDir("templates", { "html/cover.hbs": "x" }))).toMatch(
      /html\/cover\.hbs: not a template of the HTML report; expected one of report\.hbs, /,
    );
  });

  it("refuses a templates folder that does not exist, naming it", async () => {
    const dir = join(scratchDir("templates"), "absent");
    expect(await loadError(dir)).toBe(`${dir}: cannot read the templates folder (ENOENT)`);
  });

  it("fills in a set's missing files from the shipped folder, keeping what was given", async () => {
    const given = { "html/footer.hbs": "<footer></footer>" };
    const filled = await withShippedTemplates(given, HTML_TEMPLATES);
    expect(filled["html/footer.hbs"]).toBe("<footer></footer>");
    expect(Object.keys(filled).sort()).toEqual(HTML_TEMPLATES.files.map(HTML_TEMPLATES.key).sort());
    const complete = await loadTemplates(null, [NARRATIVE_TEMPLATES]);
    expect(await withShippedTemplates(complete, NARRATIVE_TEMPLATES)).toBe(complete);
  });
});
