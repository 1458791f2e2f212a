/**
 * Errors that the CLI turns into exit codes. Anything else is a bug and exits 1.
 *
 * - `InputError` (exit 2): a usage, config or data-file problem found before
 *   anything was written. Its message names the file and the path inside it.
 */
import type { z } from "zod";

export const EXIT_OK = 0;
export const EXIT_INPUT = 2;
/** The run finished but at least one collector failed: the evidence is incomplete. */
export const EXIT_INCOMPLETE = 3;

export class InputError extends Error {
  override readonly name = "InputError";
}

/** Renders a zod path as `jobs[0].cron` so users can find the spot in their file. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(top level)" : out;
}

/** One line per issue: `file: path: what was expected`. */
export function describeZodError(file: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 20).map((issue) => {
    return `${file}: ${formatIssuePath(issue.path)}: ${issue.message}`;
  });
  if (error.issues.length > 20) lines.push(`${file}: … and ${error.issues.length - 20} more problems`);
  return lines.join("\n");
}

/** Parses `value` with `schema`, or throws an InputError naming the file and path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(describeZodError(file, result.error));
  return result.data;
}
