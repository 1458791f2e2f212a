/**
 * What must agree before org packs can make one fleet pack: each org once,
 * one kind, one period (label, bounds and time zone), one version of every
 * catalog two orgs share, and one ATT&CK gap threshold. Otherwise a worst-of
 * status or a weakest score would compare unlike things. Orgs may assess
 * different frameworks (an org only has a say in the frameworks it
 * assesses), and their packs may come from different ddproof versions: the
 * catalog versions and the assessment's schema are what the fleet relies on.
 */
import { InputError } from "../errors.js";
import type { Period } from "../snapshot/schema.js";
import type { OrgPack } from "./read-org-pack.js";

const periodText = (period: Period) => `${period.label} (${period.from} to ${period.to}, ${period.timezone})`;

function duplicateNames(packs: readonly OrgPack[]): string[] {
  const byName = new Map<string, string[]>();
  for (const pack of packs) byName.set(pack.name, [...(byName.get(pack.name) ?? []), pack.dir]);
  return [...byName]
    .filter(([, dirs]) => dirs.length > 1)
    .map(
      ([name, dirs]) => `org "${name}" appears in ${dirs.length} packs (${dirs.join(", ")}); each org may appear once`,
    );
}

/**
 * One fact of each pack compared with the first pack (by org name) that
 * has it; `factOf` returns null where the pack has no say (a catalog it does
 * not use, no ATT&CK assessed).
 */
function disagreements(packs: readonly OrgPack[], what: string, factOf: (pack: OrgPack) => string | null): string[] {
  let first: { name: string; fact: string } | null = null;
  const lines: string[] = [];
  for (const pack of packs) {
    const fact = factOf(pack);
    if (fact === null) continue;
    if (first === null) first = { name: pack.name, fact };
    else if (fact !== first.fact) lines.push(`${first.name}: ${what} ${first.fact} differs from ${pack.name}: ${fact}`);
  }
  return lines;
}

/** Throws an InputError naming every mismatch and the orgs on both sides of it. */
export function checkOrgPacks(packs: readonly OrgPack[]): void {
  if (packs.length === 0) throw new InputError("no org packs given: expected at least one org pack folder");
  const duplicates = duplicateNames(packs);
  if (duplicates.length > 0) throw new InputError(`the org packs cannot be combined:\n  ${duplicates.join("\n  ")}`);

  const sorted = [...packs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const catalogIds = [...new Set(sorted.flatMap((pack) => Object.keys(pack.manifest.catalogs)))].sort();
  const lines = [
    ...disagreements(sorted, "kind", (pack) => pack.manifest.kind),
    ...disagreements(sorted, "period", (pack) => periodText(pack.manifest.period)),
    ...catalogIds.flatMap((id) =>
      disagreements(sorted, `catalog ${id} version`, (pack) => pack.manifest.catalogs[id] ?? null),
    ),
    ...disagreements(sorted, "ATT&CK gap threshold", (pack) =>
      pack.assessment.attack === null ? null : `score ${pack.assessment.attack.gap_below}`,
    ),
  ];
  if (lines.length > 0) throw new InputError(`the org packs cannot be combined:\n  ${lines.join("\n  ")}`);
}
