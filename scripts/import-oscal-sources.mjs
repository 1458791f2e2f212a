#!/usr/bin/env node
/**
 * Refreshes the frameworks ddproof ships from OSCAL content kept in the
 * repository (data-sources/nist-oscal/):
 *
 *   npm run build
 *   node scripts/import-oscal-sources.mjs [--from DIR]
 *
 * With --from, first copies the files that folder's imports.json lists
 * (the OSCAL data, the publisher's LICENSE.md and the SOURCE.txt describing
 * the copy) byte for byte from DIR, e.g. a checkout of usnistgov/oscal-content
 * (nist.gov/SP800-53/rev5/json/) with NIST's LICENSE.md beside it. Then it
 * writes frameworks/<id>.json for each entry of imports.json, exactly as
 * `ddproof catalog import-oscal` would; test/catalogs/oscal-shipped.test.ts
 * checks that the shipped files still reproduce byte for byte.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = join(root, "data-sources", "nist-oscal");
const dist = (module) => import(join(root, "dist", module)).catch(() => {
  console.error(`import-oscal-sources: cannot load dist/${module}; run \`npm run build\` first`);
  process.exit(1);
});

const { readOscalSources, renderOscalImports } = await dist("catalogs/oscal/sources.js");
const { describeOscalImport } = await dist("catalogs/oscal/summary.js");
const { writeFileAtomic } = await dist("io/atomic-write.js");

function parseArgs(argv) {
  const args = { from: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--from" && argv[i + 1] !== undefined) args.from = argv[++i];
    else throw new Error(`unexpected argument ${argv[i]}; usage: node scripts/import-oscal-sources.mjs [--from DIR]`);
  }
  return args;
}

async function copySources(from) {
  const { files } = await readOscalSources(SOURCES);
  for (const name of files) {
    // Written rather than copied, so a read-only source does not make a read-only file.
    await writeFileAtomic(join(SOURCES, name), await readFile(join(from, name)));
    console.log(`data-sources/nist-oscal/${name}: copied`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.from !== undefined) await copySources(args.from);
  for (const { id, text, imported } of await renderOscalImports(SOURCES)) {
    await writeFileAtomic(join(root, "frameworks", `${id}.json`), text);
    console.log(`frameworks/${id}.json: ${describeOscalImport(imported)}`);
  }
}

main().catch((error) => {
  console.error(`import-oscal-sources: ${error.message}`);
  process.exit(2);
});
