/**
 * Checks the frameworks a config (or a `--framework` flag) names against the
 * catalogs that exist, which are discovered rather than listed in code, so a
 * user catalog dropped into an extension folder can be selected like a
 * shipped one.
 */
import { availableCatalogIds } from "../catalogs/discover.js";
import { formatIssuePath, InputError } from "../errors.js";
import type { Config } from "./schema.js";

function unknownFramework(where: string, id: string, available: readonly string[]): string {
  return `${where}: unknown framework "${id}"; available: ${available.join(", ")}`;
}

/** Every framework id the config names, with its path in the file. */
function namedFrameworks(config: Config): Array<{ path: PropertyKey[]; id: string }> {
  const top = config.frameworks.map((id, i) => ({ path: ["frameworks", i], id }));
  const jobs = config.jobs.flatMap((job, j) =>
    (job.frameworks ?? []).map((id, i) => ({ path: ["jobs", j, "frameworks", i], id })),
  );
  const orgs = (config.orgs ?? []).flatMap((org, o) =>
    (org.frameworks ?? []).map((id, i) => ({ path: ["orgs", o, "frameworks", i], id })),
  );
  return [...top, ...jobs, ...orgs];
}

/** Refuses, naming file, path and the ids that exist, a framework of the config that no catalog defines. */
export async function checkConfigFrameworks(config: Config, file: string, dirs: readonly string[]): Promise<void> {
  const available = await availableCatalogIds(dirs);
  const problems = namedFrameworks(config)
    .filter(({ id }) => !available.includes(id))
    .map(({ path, id }) => unknownFramework(`${file}: ${formatIssuePath(path)}`, id, available));
  if (problems.length > 0) throw new InputError(problems.join("\n"));
}

/** The same check for `--framework` flags. */
export async function checkFrameworkFlags(ids: readonly string[], dirs: readonly string[]): Promise<void> {
  const available = await availableCatalogIds(dirs);
  const problems = ids
    .filter((id) => !available.includes(id))
    .map((id) => unknownFramework("--framework", id, available));
  if (problems.length > 0) throw new InputError(problems.join("\n"));
}
