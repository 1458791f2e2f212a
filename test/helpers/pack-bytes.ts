/** Byte-for-byte comparison of two pack folders, for tests that a pack is a pure function of its inputs. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";

/** Every file of a folder, by relative path, with its bytes. */
export async function filesOf(folder: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(folder.length + 1), await readFile(path));
  }
  return files;
}

/** The same files, each with the same bytes. */
export async function expectSameBytes(actualDir: string, expectedDir: string): Promise<void> {
  const actual = await filesOf(actualDir);
  const expected = await filesOf(expectedDir);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, bytes] of expected) expect(actual.get(path)?.equals(bytes), path).toBe(true);
}
