import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { InputError, parseOrThrow } from "../errors.js";
import { checkConfigFrameworks } from "./frameworks.js";
import { Config } from "./schema.js";

export const DEFAULT_CONFIG_FILE = "ddproof.yaml";

/** Parses YAML text, turning syntax errors into an InputError naming the file and line. */
export function parseYaml(text: string, file: string, empty: unknown = {}): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}` : "(top level)";
    throw new InputError(`${file}: ${where}: ${first.message.split("\n")[0]}`);
  }
  return doc.toJS() ?? empty;
}

/** The config's `mappings:` folders, relative to the config file. */
export function configMappingDirs(config: Config, file: string | null): string[] {
  return config.mappings.map((dir) => (file === null ? dir : resolve(dirname(file), dir)));
}

/**
 * Loads the config. An explicitly named file must exist; the default file is
 * optional and its absence gives the defaults. The frameworks it names must
 * be catalogs found in frameworks/, its `mappings:` folders or `extraDirs`
 * (the `--mappings` flags).
 */
export async function loadConfig(
  path: string | undefined,
  extraDirs: readonly string[] = [],
): Promise<{ config: Config; file: string | null }> {
  const file = path ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && path === undefined) {
      return { config: Config.parse({}), file: null };
    }
    throw new InputError(
      `${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const config = parseOrThrow(Config, parseYaml(text, file), file);
  await checkConfigFrameworks(config, file, [...configMappingDirs(config, file), ...extraDirs]);
  return { config, file };
}
