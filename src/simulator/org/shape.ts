/**
 * How one simulated org's coverage differs from the demo org's: the knobs a
 * fleet profile (data/org-profiles.json) turns. Every knob is optional and the
 * empty shape is the demo org exactly, so a seed without a shape serves the
 * same bytes as before shapes existed. Each knob replaces a value the org
 * builder draws with anyway, so turning one changes only what it names.
 */
import logSourceData from "../data/log-sources.json" with { type: "json" };

export interface OrgShape {
  /** Chance that a detection rule is disabled (default: the scale's, 0.15). */
  disabledShare?: number;
  /** Log sources that never sent a log in this org; rules reading only these never fire. */
  silentSources?: readonly string[];
  /** Share of hosts whose agent runs without Workload Protection (CWS) (default 0.12). */
  cwsDisabledShare?: number;
  /** Chance that a host's agent runs CSPM (default 0.5). */
  cspmEnabledShare?: number;
  /** Mean security signals a day (default: the scale's); a benchmark's way to size an org's signal history. */
  signalsPerDay?: number;
}

const SHARE_KNOBS = ["disabledShare", "cwsDisabledShare", "cspmEnabledShare"] as const;
const KNOBS: readonly string[] = [...SHARE_KNOBS, "silentSources", "signalsPerDay"];
const SOURCE_NAMES: readonly string[] = logSourceData.sources.map((source) => source.name);

/** Checks a shape (from data or a caller); throws an Error naming `where`, the knob and what was expected. */
export function checkOrgShape(shape: unknown, where: string): OrgShape {
  if (typeof shape !== "object" || shape === null || Array.isArray(shape))
    throw new Error(`${where}: expected an object of coverage knobs`);
  const knobs = shape as Record<string, unknown>;
  for (const key of Object.keys(knobs))
    if (!KNOBS.includes(key)) throw new Error(`${where}.${key}: unknown knob (expected ${KNOBS.join(", ")})`);
  for (const key of SHARE_KNOBS) {
    const value = knobs[key];
    if (value !== undefined && (typeof value !== "number" || !(value >= 0 && value <= 1)))
      throw new Error(`${where}.${key}: expected a share from 0 to 1, got ${JSON.stringify(value)}`);
  }
  const perDay = knobs.signalsPerDay;
  if (perDay !== undefined && (typeof perDay !== "number" || !Number.isFinite(perDay) || perDay <= 0))
    throw new Error(`${where}.signalsPerDay: expected a number of signals above 0, got ${JSON.stringify(perDay)}`);
  const silent = knobs.silentSources;
  if (silent !== undefined) {
    if (!Array.isArray(silent)) throw new Error(`${where}.silentSources: expected a list of log source names`);
    silent.forEach((name, index) => {
      if (typeof name !== "string" || !SOURCE_NAMES.includes(name))
        throw new Error(
          `${where}.silentSources[${index}]: expected one of ${SOURCE_NAMES.join(", ")}, got ${JSON.stringify(name)}`,
        );
    });
  }
  return shape as OrgShape;
}
