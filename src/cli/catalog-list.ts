import { listCatalogs } from "../catalogs/list.js";
import { configMappingDirs, loadConfig } from "../config/load.js";
import { EXIT_OK } from "../errors.js";
import { catalogGroup } from "./catalog-group.js";
import type { CommandModule } from "./command.js";

interface Flags {
  config?: string;
  mappings?: string[];
  json?: boolean;
}

export const catalogListCommand: CommandModule = {
  register(program, ctx) {
    catalogGroup(program)
      .command("list")
      .description("List the catalogs that are loaded (shipped, and from --mappings folders) with their versions")
      .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)")
      .option("--mappings <dir...>", "extra folders of catalogs and mappings (repeatable)")
      .option("--json", "print JSON")
      .action(async (flags: Flags) => {
        const { config, file } = await loadConfig(flags.config, flags.mappings ?? []);
        const catalogs = await listCatalogs([...configMappingDirs(config, file), ...(flags.mappings ?? [])]);
        if (flags.json) {
          ctx.output.out(JSON.stringify(catalogs, null, 2));
        } else {
          const width = Math.max(...catalogs.map((catalog) => catalog.id.length));
          for (const catalog of catalogs) {
            ctx.output.out(
              `${catalog.id.padEnd(width)}  ${catalog.name} ${catalog.version}: ${catalog.controls} controls, ${catalog.monitoring_relevant} monitoring-relevant (${catalog.file})`,
            );
          }
        }
        ctx.setExitCode(EXIT_OK);
      });
  },
};
