/**
 * Options shared by the commands that assess (`assess`, `report`, `pack`):
 * frameworks, mapping folders, attestations and config, resolved the same
 * way everywhere. Paths written in the config file are relative to it.
 */
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { checkFrameworkFlags } from "../config/frameworks.js";
import { configMappingDirs, loadConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";

export interface AssessFlags {
  framework: string[];
  attestations?: string;
  mappings: string[];
  config?: string;
}

export interface AssessSettings {
  config: Config;
  /** The config file read, or null when none was (the defaults). */
  file: string | null;
  frameworks: string[];
  userDirs: string[];
  attestationsFile: string | null;
  /** Resolves a path written in the config file. */
  fromConfig(path: string): string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addAssessOptions(command: Command): Command {
  return command
    .option("--framework <id>", "framework to assess (repeatable; default: the config's frameworks)", collect, [])
    .option("--attestations <file>", "attestations.yaml with manual evidence and risk acceptances")
    .option("--mappings <dir>", "folder of extra catalogs and mappings (repeatable)", collect, [])
    .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)");
}

export async function resolveAssessSettings(flags: AssessFlags): Promise<AssessSettings> {
  const { config, file } = await loadConfig(flags.config, flags.mappings);
  const fromConfig = (path: string) => (file === null ? path : resolve(dirname(file), path));
  const userDirs = [...configMappingDirs(config, file), ...flags.mappings];
  await checkFrameworkFlags(flags.framework, userDirs);
  return {
    config,
    file,
    frameworks: flags.framework.length > 0 ? flags.framework : [...config.frameworks],
    userDirs,
    attestationsFile:
      flags.attestations ?? (config.attestations === undefined ? null : fromConfig(config.attestations)),
    fromConfig,
  };
}
