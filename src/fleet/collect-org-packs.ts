/**
 * `pack --all-orgs` without the command line: collect every org at once and
 * write each org's pack to `<outDir>/<org>/` as soon as its snapshot is in,
 * one render at a time. Snapshots and population files go to a private
 * working folder, each org's removed once its pack is written. Returns every
 * org's result (its pack folder, or why it has none) in name order: the fleet
 * pack is built from these folders.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type CollectOrgsOptions, collectOrg, type OrgToCollect } from "./collect-orgs.js";
import { byOrgName } from "./orgs.js";
import {
  noOrgPack,
  type OrgPackRequest,
  type OrgPackResult,
  type OrgPackSettings,
  writeOrgPack,
} from "./orgs-packs.js";

export interface OrgToPack extends OrgToCollect, Omit<OrgPackRequest, "snapshotFile"> {}

export interface CollectOrgPacksOptions extends Omit<CollectOrgsOptions, "dir"> {
  /** The folder of the org packs (`<outDir>/<org>/`), checked with checkOrgPackDestinations beforehand. */
  outDir: string;
  settings: OrgPackSettings;
}

/** Runs tasks one at a time, in the order they are handed in. */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };
}

export async function collectOrgPacks(
  orgs: readonly OrgToPack[],
  options: CollectOrgPacksOptions,
): Promise<OrgPackResult[]> {
  const work = await mkdtemp(join(tmpdir(), "ddproof-pack-"));
  const render = oneAtATime();
  try {
    const results = await Promise.all(
      orgs.map(async (org) => {
        const collected = await collectOrg(org, { ...options, dir: work });
        if (collected.snapshot === null) return noOrgPack(org.name, collected.error ?? "not collected");
        try {
          return await render(() =>
            writeOrgPack(
              { name: org.name, inputs: org.inputs, previousDir: org.previousDir, snapshotFile: collected.file },
              options.settings,
              options.outDir,
            ),
          );
        } finally {
          // Its population files can be large; the pack holds what it needs of them.
          await rm(dirname(collected.file), { recursive: true, force: true });
        }
      }),
    );
    return results.sort(byOrgName);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
