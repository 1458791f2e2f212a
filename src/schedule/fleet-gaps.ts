/**
 * A fleet run's gaps and figures. A control's fleet status is the worst of
 * its orgs', and the gap statuses (fail, unknown, partial, manual) are the
 * worst four, so a control is a gap of the fleet exactly when it is a gap of
 * some org; likewise a technique scored by its weakest org. The fleet's gaps
 * are therefore every org's gaps, each counted once (by `framework:id`), with
 * the orgs it is a gap in: the same rules as an org's gap list (roll-up
 * parents and attested controls left out), never a second definition.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Assessment } from "../assess/schema.js";
import { parseOrThrow } from "../errors.js";
import { byOrgName } from "../fleet/orgs.js";
import { readManifest } from "../pack/manifest.js";
import { ASSESSMENT_JSON } from "../report/formats/assessment-json.js";
import { type Gap, gapKey, gapsOf } from "../report/gaps.js";
import type { Logger } from "./log.js";
import type { RunReport } from "./notify/contract.js";

/** A gap of the fleet: the first org's (by name) wording of it, and every org it is a gap in. */
export interface FleetGap {
  gap: Gap;
  orgs: string[];
}

/** Every org's gaps, once each, in the order of the first org that has them. */
export function fleetGaps(orgs: ReadonlyArray<{ name: string; assessment: Assessment }>): FleetGap[] {
  const byKey = new Map<string, FleetGap>();
  for (const { name, assessment } of [...orgs].sort(byOrgName))
    for (const gap of gapsOf(assessment)) {
      const key = gapKey(gap);
      const known = byKey.get(key);
      if (known) known.orgs.push(name);
      else byKey.set(key, { gap, orgs: [name] });
    }
  return [...byKey.values()];
}

/** Gaps opened and closed since the fleet's previous run. */
export function fleetChanges(
  current: readonly FleetGap[],
  previous: { id: string; gaps: readonly FleetGap[] },
): NonNullable<RunReport["changes"]> {
  const before = new Set(previous.gaps.map(({ gap }) => gapKey(gap)));
  const now = new Set(current.map(({ gap }) => gapKey(gap)));
  return {
    previous: previous.id,
    new_gaps: current.filter(({ gap }) => !before.has(gapKey(gap))).map(({ gap }) => gap),
    closed_gaps: previous.gaps.filter(({ gap }) => !now.has(gapKey(gap))).map(({ gap }) => gap),
  };
}

/**
 * The gaps of the fleet's run `previous`, from the org packs its manifest
 * lists (`<jobDir>/<org>/<previous>/`, which retention keeps as long as the
 * fleet's run). Null, with a warning, when any of them cannot be read: a
 * comparison with part of the fleet would report its other orgs' gaps as closed.
 */
export async function previousFleetGaps(
  jobDir: string,
  fleetDir: string,
  previous: string,
  log: Logger,
): Promise<{ id: string; gaps: FleetGap[] } | null> {
  try {
    const manifest = await readManifest(join(fleetDir, previous));
    const orgs = [];
    for (const { name } of manifest.fleet?.orgs ?? []) {
      const file = join(jobDir, name, previous, ASSESSMENT_JSON);
      orgs.push({ name, assessment: parseOrThrow(Assessment, JSON.parse(await readFile(file, "utf8")), file) });
    }
    return { id: previous, gaps: fleetGaps(orgs) };
  } catch (error) {
    log.warn("the fleet's previous run cannot be read; the fleet is not compared with it", {
      previous,
      error: (error as Error).message,
    });
    return null;
  }
}
