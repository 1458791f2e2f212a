/**
 * Reading JSON files with errors a user can act on: a file that cannot be
 * read is named with the reason (ENOENT, EACCES…), and text that is not JSON
 * is named with what was wrong and where (line and column).
 */
import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";

/** "at position 17" in JSON.parse's message, as a line and column of `text` (both from 1). */
function locate(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /\bline\b/.test(message)) return message;
  const before = text.slice(0, Number(position)).split("\n");
  return `${message}: line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/**
 * Parses JSON text read from `where` (a file, or a file and line); a syntax
 * error becomes an InputError naming it and saying what was wrong, followed
 * by `hint` (e.g. "; repair or remove it").
 */
export function parseJsonText(text: string, where: string, hint = ""): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${where}: (top level): not valid JSON (${locate((error as Error).message, text)})${hint}`);
  }
}

/** The file's text, or undefined when `missingOk` and it does not exist; `what` names the file in errors. */
async function readText(file: string, what: string, missingOk: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (missingOk && code === "ENOENT") return undefined;
    throw new InputError(`${file}: cannot read ${what} (${code ?? String(error)})`);
  }
}

/**
 * Reads and parses a JSON file, naming the file on any failure; `what` says
 * what the file is in a read error ("the snapshot", "the pack manifest").
 */
export async function readJsonFile(file: string, what = "the file", hint = ""): Promise<unknown> {
  return parseJsonText((await readText(file, what, false))!, file, hint);
}

/** Like readJsonFile, but undefined (which JSON cannot hold) when the file does not exist. */
export async function readJsonFileIfPresent(file: string, what = "the file", hint = ""): Promise<unknown> {
  const text = await readText(file, what, true);
  return text === undefined ? undefined : parseJsonText(text, file, hint);
}
