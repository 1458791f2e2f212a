import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { InputError, parseOrThrow } from "../errors.js";
import { Config } from "./schema.js";

export const DEFAULT_CONFIG_FILE = "ddproof.yaml";

/** Parses YAML text, turning syntax errors into an InputError naming the file and line. */
export function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}` : "(top level)";
    throw new InputError(`${file}: ${where}: ${first.message.split("\n")[0]}`);
  }
  return doc.toJS() ?? {};
}

/**
 * Loads the config. An explicitly named file must exist; the default file is
 * optional and its absence gives the defaults.
 */
export async function loadConfig(path: string | undefined): Promise<{ config: Config; file: string | null }> {
  const file = path ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && path === undefined) {
      return { config: Config.parse({}), file: null };
    }
    throw new InputError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { config: parseOrThrow(Config, parseYaml(text, file), file), file };
}
