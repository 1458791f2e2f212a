import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** The package root, found from this file whether it runs from src/ (tests) or dist/. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }
).version;
