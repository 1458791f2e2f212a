#!/usr/bin/env node
/**
 * Refreshes the shipped ATT&CK catalog and MITRE's notice and licence beside it:
 *
 *   npm run build
 *   node scripts/import-attack.mjs <path-to>/enterprise-attack [--attack-version 18.1]
 *
 * <path> is what `ddproof catalog import-attack` accepts: a STIX bundle file
 * (attack-stix-data) or a folder of per-object files (mitre/cti). MITRE's
 * LICENSE.txt must sit where MITRE's repositories put it (beside the folder,
 * or one level above the bundle file); it is copied unmodified to
 * frameworks/LICENSE-mitre-attack.txt. When a SOURCE.txt describing the copy
 * sits beside that LICENSE.txt, its origin and terms-of-use sections go into
 * frameworks/NOTICE-mitre-attack.txt, and its "ATT&CK : Enterprise vX.Y" line
 * gives the release if --attack-version is not passed.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (module) =>
  import(join(root, "dist", module)).catch(() => {
    console.error(`import-attack: cannot load dist/${module}; run \`npm run build\` first`);
    process.exit(1);
  });

const { importAttack } = await dist("catalogs/attack/import.js");
const { formatAttackCatalog } = await dist("catalogs/attack/format.js");
const { licenseCandidates, designationFromLicense } = await dist("catalogs/attack/notice.js");
const { describeAttackCatalog } = await dist("catalogs/attack/summary.js");
const { writeFileAtomic } = await dist("io/atomic-write.js");

function parseArgs(argv) {
  const args = { path: undefined, version: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--attack-version") args.version = argv[++i];
    else if (args.path === undefined) args.path = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (args.path === undefined)
    throw new Error("usage: node scripts/import-attack.mjs <stix-bundle-or-folder> [--attack-version 18.1]");
  return args;
}

async function findLicense(path) {
  const isFolder = (await stat(path)).isDirectory();
  for (const file of licenseCandidates(path, isFolder)) {
    const text = await readFile(file, "utf8").catch(() => null);
    if (text !== null && designationFromLicense(text) !== null) return file;
  }
  throw new Error(`no MITRE LICENSE.txt beside ${path}: the licence must ship with the catalog`);
}

/** SOURCE.txt sections: a heading at column 0 followed by its indented lines. */
function sourceSections(text) {
  const sections = [];
  for (const line of text.split("\n")) {
    if (/^\S/.test(line)) sections.push([line]);
    else if (sections.length > 0) sections.at(-1).push(line);
  }
  return sections.map((lines) => lines.join("\n").trimEnd());
}

function noticeText(catalog, sourceText) {
  const lines = [
    "MITRE ATT&CK® data in ddproof",
    "=============================",
    "",
    `frameworks/mitre-attack.json is derived from MITRE ATT&CK® Enterprise v${catalog.version}`,
    `(ATT&CK spec versions ${catalog.spec_versions.join(", ")}), imported from ${catalog.source.description}.`,
    "It keeps, per tactic and technique, the ATT&CK id, name, tactics, platforms, parent,",
    "revoked/deprecated flags, page URL and the log-source names of ATT&CK's detection data;",
    "descriptions and references are left out.",
    "",
    catalog.notice,
    "ATT&CK® is a registered trademark of The MITRE Corporation.",
    "The licence is in LICENSE-mitre-attack.txt, copied unmodified from MITRE's LICENSE.txt.",
    "Terms of use: https://attack.mitre.org/resources/terms-of-use/",
  ];
  if (sourceText !== null) {
    const wanted = sourceSections(sourceText).filter((section, i) => i === 0 || /^(Origin|Terms of use)/.test(section));
    lines.push("", "Source of the data, from the SOURCE.txt that came with it:", "", ...wanted.flatMap((s) => [s, ""]));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const license = await findLicense(args.path);
  const sourceText = await readFile(join(dirname(license), "SOURCE.txt"), "utf8").catch(() => null);
  const version = args.version ?? /ATT&CK\s*:\s*Enterprise v(\d+(?:\.\d+)*)/.exec(sourceText ?? "")?.[1];

  const catalog = await importAttack(args.path, version === undefined ? {} : { version });
  const frameworks = join(root, "frameworks");
  await writeFileAtomic(join(frameworks, "mitre-attack.json"), formatAttackCatalog(catalog));
  // Byte-for-byte copy, written rather than copied so a read-only source does not make a read-only file.
  await writeFileAtomic(join(frameworks, "LICENSE-mitre-attack.txt"), await readFile(license));
  await writeFileAtomic(join(frameworks, "NOTICE-mitre-attack.txt"), noticeText(catalog, sourceText));
  console.log(`frameworks/mitre-attack.json: ${describeAttackCatalog(catalog)}`);
}

main().catch((error) => {
  console.error(`import-attack: ${error.message}`);
  process.exit(2);
});
