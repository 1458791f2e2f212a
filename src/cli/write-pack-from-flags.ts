/** Renders and writes a pack as `report` and `pack` are asked to, then prints what was written. */
import type { KeyObject } from "node:crypto";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import type { OrgName } from "../fleet/org-name.js";
import { renderPack } from "../pack/render-pack.js";
import type { AssessSettings } from "./assess-options.js";
import type { CommandContext } from "./command.js";
import { describePack } from "./pack-summary.js";
import { type ReportFlags, reportKind } from "./report-options.js";
import { signingKeyFromFlags } from "./sign-key-option.js";

export async function writePackFromFlags(
  ctx: CommandContext,
  flags: ReportFlags,
  settings: AssessSettings,
  snapshotFile: string,
  /** Loaded by callers that must refuse a bad key before collecting; otherwise loaded here. */
  signingKey?: KeyObject | null,
  /** The org of the config's `orgs:` the pack is of (`--org`), named in its manifest. */
  org: OrgName | null = null,
): Promise<void> {
  const key = signingKey === undefined ? await signingKeyFromFlags(flags, ctx.env) : signingKey;
  const pack = await renderPack({
    kind: reportKind(flags),
    snapshotFile,
    outDir: flags.out,
    inputs: settings,
    thresholds: settings.config.thresholds,
    previousDir: flags.previous ?? null,
    templatesDir: flags.templates ?? null,
    replace: flags.force === true,
    signingKey: key,
    org,
  });
  for (const line of describePack(pack, flags.out)) ctx.output.out(line);
  ctx.setExitCode(pack.manifest.complete ? EXIT_OK : EXIT_INCOMPLETE);
}
