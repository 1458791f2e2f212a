/**
 * The shapes a fleet's simulated orgs take, read from data/org-profiles.json
 * and checked once when first imported (a bad entry is named by its path in
 * the file). `fleetProfiles(n)` gives the orgs of a fleet of n: the profiles
 * in turn, then again with another seed and a numbered name.
 */
import data from "./data/org-profiles.json" with { type: "json" };
import { parseFaultSpec } from "./faults.js";
import { checkOrgShape, type OrgShape } from "./org/shape.js";

export interface OrgProfile {
  /** The org's name in the fleet: lower-case letters, digits and dashes. */
  name: string;
  /** The Datadog site the org stands for (the simulator itself always listens on 127.0.0.1). */
  site: string;
  seed: number;
  /** One line for people: how this org differs. */
  description: string;
  shape: OrgShape;
  /** A fault spec (faults.ts); "" for none. */
  faults: string;
}

/** Each org is a server and a generated org in one process; beyond this a fleet is a mistake, not a test. */
export const MAX_FLEET_ORGS = 64;

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const FILE = "org-profiles.json";

function checkProfile(entry: unknown, where: string): OrgProfile {
  const profile = entry as Record<string, unknown>;
  if (typeof profile.name !== "string" || !NAME_PATTERN.test(profile.name))
    throw new Error(`${where}.name: expected lower-case letters, digits and dashes`);
  for (const key of ["site", "description"] as const)
    if (typeof profile[key] !== "string" || profile[key] === "") throw new Error(`${where}.${key}: expected text`);
  if (!Number.isInteger(profile.seed)) throw new Error(`${where}.seed: expected a whole number`);
  if (typeof profile.faults !== "string") throw new Error(`${where}.faults: expected a fault spec ("" for none)`);
  try {
    parseFaultSpec(profile.faults);
  } catch (error) {
    throw new Error(`${where}.faults: ${(error as Error).message}`);
  }
  checkOrgShape(profile.shape, `${where}.shape`);
  return profile as unknown as OrgProfile;
}

function checkProfiles(): { profiles: readonly OrgProfile[]; seedStep: number } {
  if (!Number.isInteger(data.variationSeedStep) || data.variationSeedStep < 1)
    throw new Error(`${FILE}: variationSeedStep: expected a whole number of at least 1`);
  const profiles = data.profiles.map((entry, index) => checkProfile(entry, `${FILE}: profiles[${index}]`));
  if (profiles.length === 0) throw new Error(`${FILE}: profiles: expected at least one profile`);
  const names = profiles.map((profile) => profile.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new Error(`${FILE}: profiles: the name "${repeated}" is used twice`);
  return { profiles, seedStep: data.variationSeedStep };
}

const { profiles: PROFILES, seedStep: SEED_STEP } = checkProfiles();

/** The profiles in fleet order (us, eu, degraded). */
export const ORG_PROFILES: readonly OrgProfile[] = PROFILES;

/** The orgs of a fleet of `count`: the profiles in turn, each round with its own names and seeds. */
export function fleetProfiles(count: number): OrgProfile[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET_ORGS)
    throw new Error(`orgs: expected a whole number from 1 to ${MAX_FLEET_ORGS}, got ${count}`);
  return Array.from({ length: count }, (_, index) => {
    const base = PROFILES[index % PROFILES.length] as OrgProfile;
    const round = Math.floor(index / PROFILES.length);
    return round === 0 ? base : { ...base, name: `${base.name}-${round + 1}`, seed: base.seed + round * SEED_STEP };
  });
}
