/**
 * Log sources and their ingested volume. A day's volume is a pure function of
 * (seed, source, day), so any period can be asked for without storing
 * anything; an hour gets an equal share of its day (the remainder to the
 * first hours) so that hour sums add up exactly to day sums.
 */
import data from "../data/log-sources.json" with { type: "json" };
import { rngFor } from "../prng.js";
import { DAY_MS, dayIndex, HOUR_MS } from "../time-units.js";

/** Logs a day of a restored source that had no volume of its own. */
const RESTORED_DAILY_VOLUME = 1000;

export const LOG_SOURCE_PATTERNS = ["steady", "gaps", "went_silent", "silent"] as const;
export type LogSourcePattern = (typeof LOG_SOURCE_PATTERNS)[number];

export interface DemoLogSource {
  /** The log `source` value (what queries name). */
  name: string;
  /** The integration named in OOTB rules' `source:` tags. */
  integration: string;
  pattern: LogSourcePattern;
  /** True for sources that never sent a log. */
  silent: boolean;
  /** For `went_silent`: the first day (UTC midnight) without data. */
  silentSince: Date | null;
}

interface SourceSpec {
  name: string;
  integration: string;
  pattern: string;
  dailyVolume: number;
  gapShare?: number;
  silentDays?: number;
}

function asPattern(value: string, source: string): LogSourcePattern {
  if ((LOG_SOURCE_PATTERNS as readonly string[]).includes(value)) return value as LogSourcePattern;
  throw new Error(
    `simulator data: log-sources.json: sources[${source}].pattern: expected one of ${LOG_SOURCE_PATTERNS.join(", ")}`,
  );
}

export class LogVolumes {
  readonly sources: DemoLogSource[];
  private readonly specs: Map<string, SourceSpec>;
  private readonly nowDay: number;

  /** `silenced`: sources that never sent a log in this org, whatever their usual pattern (org/shape.ts). */
  constructor(
    private readonly seed: number,
    private readonly nowMs: number,
    silenced: readonly string[] = [],
  ) {
    const specs: SourceSpec[] = data.sources.map((spec) =>
      silenced.includes(spec.name) ? { ...spec, pattern: "silent" } : spec,
    );
    this.specs = new Map(specs.map((spec) => [spec.name, spec]));
    this.nowDay = dayIndex(nowMs);
    this.sources = specs.map((spec) => {
      const pattern = asPattern(spec.pattern, spec.name);
      const silentSince =
        pattern === "went_silent" ? new Date((this.nowDay - (spec.silentDays ?? 7) + 1) * DAY_MS) : null;
      return { name: spec.name, integration: spec.integration, pattern, silent: pattern === "silent", silentSince };
    });
  }

  /**
   * Changes a source's pattern from now on: `steady` (data every day, at
   * least RESTORED_DAILY_VOLUME a day) or `silent` (never a log). A source no
   * table names is added. Used for what-if collections (org/changes.ts).
   */
  setPattern(name: string, pattern: "steady" | "silent"): void {
    const spec = this.specs.get(name) ?? { name, integration: name, pattern, dailyVolume: 0 };
    const dailyVolume = pattern === "steady" ? Math.max(spec.dailyVolume, RESTORED_DAILY_VOLUME) : spec.dailyVolume;
    this.specs.set(name, { ...spec, pattern, dailyVolume });
    const source = { name, integration: spec.integration, pattern, silent: pattern === "silent", silentSince: null };
    const index = this.sources.findIndex((candidate) => candidate.name === name);
    if (index >= 0) this.sources[index] = source;
    else this.sources.push(source);
  }

  /** Logs of `source` on UTC day `day` (whole day, ignoring the org's now). */
  private fullDayVolume(spec: SourceSpec, day: number): number {
    if (spec.pattern === "silent") return 0;
    if (spec.pattern === "went_silent" && day > this.nowDay - (spec.silentDays ?? 7)) return 0;
    const random = rngFor(this.seed, "log-volume", spec.name, day);
    if (spec.pattern === "gaps" && random.chance(spec.gapShare ?? 0.25)) return 0;
    // Thursday 1970-01-01 is day 0, so (day + 4) % 7 is 0 on Sundays.
    const weekday = (day + 4) % 7;
    const weekendFactor = weekday === 0 || weekday === 6 ? 0.7 : 1;
    return Math.round(spec.dailyVolume * weekendFactor * (0.85 + 0.3 * random.next()));
  }

  private hourVolume(spec: SourceSpec, hour: number): number {
    const day = Math.floor(hour / 24);
    const total = this.fullDayVolume(spec, day);
    const base = Math.floor(total / 24);
    return base + (hour - day * 24 < total - base * 24 ? 1 : 0);
  }

  /** Exact log count of `source` in [fromMs, toMs), nothing after the org's now. */
  count(source: string, fromMs: number, toMs: number): number {
    const spec = this.specs.get(source);
    if (!spec) return 0;
    const end = Math.min(toMs, this.nowMs);
    let total = 0;
    let cursor = fromMs;
    while (cursor < end) {
      const dayStart = Math.floor(cursor / DAY_MS) * DAY_MS;
      if (cursor === dayStart && dayStart + DAY_MS <= end) {
        total += this.fullDayVolume(spec, dayStart / DAY_MS);
        cursor = dayStart + DAY_MS;
        continue;
      }
      const hourStart = Math.floor(cursor / HOUR_MS) * HOUR_MS;
      const hourEnd = Math.min(hourStart + HOUR_MS, end);
      const volume = this.hourVolume(spec, hourStart / HOUR_MS);
      total += hourEnd - cursor === HOUR_MS ? volume : Math.floor((volume * (hourEnd - cursor)) / HOUR_MS);
      cursor = hourEnd;
    }
    return total;
  }
}
