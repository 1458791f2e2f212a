/**
 * Error messages for ddproof's data files (mappings, the source table,
 * attestations): `file: path: what was expected`, with keys that are not
 * plain names written in brackets, so a control id reads as it does in the
 * file: `controls["10.2.1"][0].params.min_days_share`.
 */
import type { z } from "zod";
import { InputError } from "../errors.js";

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function dataPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (PLAIN_KEY.test(String(key))) out += out === "" ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? "(top level)" : out;
}

export function dataFileError(file: string, path: readonly PropertyKey[], message: string): InputError {
  return new InputError(`${file}: ${dataPath(path)}: ${message}`);
}

/** Parses with `schema`, or throws an InputError with one line per problem (at most 20). */
export function parseDataFile<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 20).map((issue) => `${file}: ${dataPath(issue.path)}: ${issue.message}`);
  if (result.error.issues.length > 20) lines.push(`${file}: … and ${result.error.issues.length - 20} more problems`);
  throw new InputError(lines.join("\n"));
}
