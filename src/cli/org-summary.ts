/**
 * The lines printed after several orgs are collected or packed: each org's
 * usual lines, every one led by the org's name so that a log line says whose
 * it is, then one line for the lot.
 */
import type { OrgCollection } from "../fleet/collect-orgs.js";
import type { OrgPackResult } from "../fleet/orgs-packs.js";
import { summariseSnapshot } from "./collect-summary.js";
import { describePack } from "./pack-summary.js";

function ofOrg(name: string, lines: readonly string[]): string[] {
  return lines.map((line) => `[${name}] ${line}`);
}

function fleetLine(orgs: ReadonlyArray<{ name: string; complete: boolean }>): string {
  const incomplete = orgs.filter((org) => !org.complete).map((org) => org.name);
  if (incomplete.length === 0) return `All ${orgs.length} orgs complete.`;
  return `Evidence is INCOMPLETE for ${incomplete.length} of ${orgs.length} orgs: ${incomplete.join(", ")}.`;
}

export function summariseOrgCollections(outcomes: readonly OrgCollection[]): string[] {
  const lines = outcomes.flatMap((outcome) =>
    ofOrg(
      outcome.name,
      outcome.snapshot ? summariseSnapshot(outcome.snapshot, outcome.file) : [`FAILED: ${outcome.error}`],
    ),
  );
  lines.push(
    fleetLine(outcomes.map((outcome) => ({ name: outcome.name, complete: outcome.snapshot?.complete === true }))),
  );
  return lines;
}

export function describeOrgPacks(results: readonly OrgPackResult[]): string[] {
  const lines = results.flatMap((result) =>
    ofOrg(
      result.name,
      result.pack && result.dir ? describePack(result.pack, result.dir) : [`FAILED, no pack written: ${result.error}`],
    ),
  );
  lines.push(fleetLine(results));
  return lines;
}
