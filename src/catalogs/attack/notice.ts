/**
 * MITRE's copyright designation, which ATT&CK's licence requires every copy
 * to reproduce, so the catalog carries it in `notice`.
 *
 * MITRE ships the designation in LICENSE.txt at the root of both of its data
 * repositories (mitre/cti beside enterprise-attack/, attack-stix-data one
 * level above the bundle file), not inside the STIX. When no LICENSE.txt is
 * found there, the copyright statement of the data's own marking-definition
 * is used instead.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InputError } from "../../errors.js";
import type { StixIndex } from "./stix-index.js";

export const LICENSE_FILE_NAME = "LICENSE.txt";

/** The first `"© <year> The MITRE Corporation. …"` line of a MITRE licence file, without quotes. */
export function designationFromLicense(text: string): string | null {
  const match = /^\s*"?(©[^"\n]*The MITRE Corporation\.)"?\s*$/m.exec(text);
  return match?.[1] ?? null;
}

/** Where MITRE's LICENSE.txt sits relative to the STIX data, nearest first. */
export function licenseCandidates(stixPath: string, isFolder: boolean): string[] {
  const folder = isFolder ? stixPath : dirname(stixPath);
  return [join(folder, LICENSE_FILE_NAME), join(dirname(folder), LICENSE_FILE_NAME)];
}

async function designationNear(stixPath: string, isFolder: boolean): Promise<string | null> {
  for (const file of licenseCandidates(stixPath, isFolder)) {
    const text = await readFile(file, "utf8").catch(() => null);
    const designation = text === null ? null : designationFromLicense(text);
    if (designation !== null) return designation;
  }
  return null;
}

function markingStatement(index: StixIndex): string | null {
  const statements = index
    .ofType("marking-definition")
    .map((marking) => marking.definition?.statement)
    .filter((statement): statement is string => statement?.includes("MITRE") === true)
    .sort();
  return statements[0] ?? null;
}

export async function findNotice(stixPath: string, isFolder: boolean, index: StixIndex): Promise<string> {
  const notice = (await designationNear(stixPath, isFolder)) ?? markingStatement(index);
  if (notice === null) {
    throw new InputError(
      `${stixPath}: expected MITRE's copyright designation, either in a ${LICENSE_FILE_NAME} beside the data (as MITRE's repositories have it) or in a marking-definition statement`,
    );
  }
  return notice;
}
