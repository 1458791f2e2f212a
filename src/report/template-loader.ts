/**
 * The one loader of report templates. Each template set (the PDF narrative
 * at the top of report-templates/, the HTML report in report-templates/html/)
 * is described as data: its sub-folder, its files, the key each file takes
 * among TemplateSources and the check it must pass. Loading is the same for
 * all: read the shipped files, then replace them file by file with a user's
 * copies from the same sub-folder of `--templates DIR`, checking each one
 * before anything is rendered.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import type { TemplateSources } from "./contract.js";
import { HTML_TEMPLATES } from "./html/templates.js";
import { NARRATIVE_TEMPLATES } from "./templates.js";

export const SHIPPED_TEMPLATES_DIR = join(PACKAGE_ROOT, "report-templates");

export interface TemplateSet {
  /** Sub-folder of report-templates/ and of a user's folder; "" for the folder itself. */
  readonly subdir: string;
  /** Every file of the set; report-templates/ ships exactly these. */
  readonly files: readonly string[];
  /** User files that claim to belong to the set: one that is not in `files` is refused as a likely typo. */
  readonly claims: RegExp;
  /** How a refused file is described: "`path`: not <this>; expected one of …". */
  readonly describedAs: string;
  /** The file's key among TemplateSources. */
  key(file: string): string;
  /** Throws an InputError naming `shown` when the source is not safe to render. */
  check(file: string, source: string, shown: string): void;
}

/** Every template set of the reports. */
export const TEMPLATE_SETS: readonly TemplateSet[] = [NARRATIVE_TEMPLATES, HTML_TEMPLATES];

/** Where report-templates/ keeps a set's files. */
export function shippedDir(set: TemplateSet): string {
  return join(SHIPPED_TEMPLATES_DIR, set.subdir);
}

async function readTemplate(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(
      `${shown}: cannot read the template (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** The user's files of one set; the user's folder must exist, a sub-folder may be absent (it overrides nothing). */
async function userFiles(userDir: string, set: TemplateSet): Promise<string[]> {
  const dir = join(userDir, set.subdir);
  try {
    return (await readdir(dir)).filter((file) => set.claims.test(file)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && set.subdir !== "") return [];
    throw new InputError(`${dir}: cannot read the templates folder (${code ?? String(error)})`);
  }
}

async function loadSet(set: TemplateSet, userDir: string | null, sources: Record<string, string>): Promise<void> {
  for (const file of set.files) {
    const shown = ["report-templates", set.subdir, file].filter(Boolean).join("/");
    const source = await readTemplate(join(shippedDir(set), file), shown);
    set.check(file, source, shown);
    sources[set.key(file)] = source;
  }
  if (userDir === null) return;
  for (const file of await userFiles(userDir, set)) {
    const path = join(userDir, set.subdir, file);
    if (!set.files.includes(file)) {
      throw new InputError(`${path}: not ${set.describedAs}; expected one of ${set.files.join(", ")}`);
    }
    const source = await readTemplate(path, path);
    set.check(file, source, path);
    sources[set.key(file)] = source;
  }
}

/**
 * The templates to render with: the shipped ones of each set, each replaced
 * by the user's file of the same name when `userDir` has one. Files a set
 * does not claim (a README, say) are left alone.
 */
export async function loadTemplates(
  userDir: string | null,
  sets: readonly TemplateSet[] = TEMPLATE_SETS,
): Promise<TemplateSources> {
  const sources: Record<string, string> = {};
  for (const set of sets) await loadSet(set, userDir, sources);
  return sources;
}

/**
 * `templates` with any file of `set` it lacks read from the shipped folder,
 * for inputs built without going through loadTemplates.
 */
export async function withShippedTemplates(templates: TemplateSources, set: TemplateSet): Promise<TemplateSources> {
  const complete = set.files.every((file) => templates[set.key(file)] !== undefined);
  return complete ? templates : { ...(await loadTemplates(null, [set])), ...templates };
}
