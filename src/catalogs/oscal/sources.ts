/**
 * The recipe for catalogs ddproof ships from OSCAL sources kept in the
 * repository (data-sources/<folder>/imports.json): which files the folder
 * holds, and for each shipped catalog the import options. The refresh script
 * and the test that the shipped files reproduce byte for byte both go
 * through `renderOscalImports`, so they cannot drift apart.
 */
import { join } from "node:path";
import { z } from "zod";
import { parseOrThrow } from "../../errors.js";
import { readJsonFile } from "../../io/read-json.js";
import { formatFrameworkCatalog } from "../format.js";
import { CatalogId, SourceReference } from "../schema.js";
import { importOscalCatalog, type OscalImport } from "./import.js";

const NonEmpty = z.string().min(1);
const FileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected a file name in this folder");

export const OscalImportRecipe = z
  .object({
    /** The OSCAL file in this folder. */
    source: FileName,
    id: CatalogId,
    name: NonEmpty.optional(),
    publisher: NonEmpty.optional(),
    monitoring_relevant: z.array(NonEmpty).default([]),
    references: z.array(SourceReference).optional(),
    notes: z.array(NonEmpty).optional(),
  })
  .strict();
export type OscalImportRecipe = z.infer<typeof OscalImportRecipe>;

export const OscalSourcesFile = z
  .object({
    /** Files copied unchanged from the publisher (data, licence, notice). */
    files: z.array(FileName).min(1),
    /** Catalogs shipped in frameworks/ made from them. */
    imports: z.array(OscalImportRecipe),
  })
  .strict();
export type OscalSourcesFile = z.infer<typeof OscalSourcesFile>;

export const OSCAL_SOURCES_FILE = "imports.json";

export async function readOscalSources(dir: string): Promise<OscalSourcesFile> {
  const file = join(dir, OSCAL_SOURCES_FILE);
  return parseOrThrow(OscalSourcesFile, await readJsonFile(file), file);
}

export async function runOscalImport(dir: string, recipe: OscalImportRecipe): Promise<OscalImport> {
  const file = join(dir, recipe.source);
  return importOscalCatalog(await readJsonFile(file), file, {
    id: recipe.id,
    name: recipe.name,
    publisher: recipe.publisher,
    monitoringRelevant: recipe.monitoring_relevant,
    references: recipe.references,
    notes: recipe.notes,
  });
}

/** Each shipped catalog as it must be written to frameworks/<id>.json. */
export async function renderOscalImports(
  dir: string,
): Promise<Array<{ id: string; text: string; imported: OscalImport }>> {
  const { imports } = await readOscalSources(dir);
  const rendered = [];
  for (const recipe of imports) {
    const imported = await runOscalImport(dir, recipe);
    rendered.push({ id: recipe.id, text: formatFrameworkCatalog(imported.catalog), imported });
  }
  return rendered;
}
