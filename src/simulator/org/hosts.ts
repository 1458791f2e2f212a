/**
 * Hosts of the demo org (data/hosts.json families). Each category of host
 * the assessment cares about gets an exact, seeded share of the fleet: hosts
 * known only through a cloud integration (no agent), agents that stopped
 * reporting days ago, agents on an old version, agents without Workload
 * Protection.
 */
import hostData from "../data/hosts.json" with { type: "json" };
import scaleData from "../data/scales.json" with { type: "json" };
import { pickWeighted, type Random, rngFor } from "../prng.js";
import { DAY_MS, HOUR_MS } from "../time-units.js";

export interface DemoHost {
  /** Datadog's numeric host id. */
  id: number;
  hostname: string;
  os: string;
  platform: string;
  cloud: string;
  env: string;
  service: string;
  /** null: no Datadog agent (the host is known through its cloud integration only). */
  agentVersion: string | null;
  cwsEnabled: boolean;
  cspmEnabled: boolean;
  lastReportedAt: number;
  /** Last report is days old. */
  stale: boolean;
  /** The agent's version is one of the old ones. */
  oldAgent: boolean;
}

interface HostFamily {
  pattern: string;
  pad: number;
  weight: number;
  os: string;
  platform: string;
  cloud: string;
  env: string;
  service: string;
}

const FAMILIES: readonly HostFamily[] = hostData.families;
const CUMULATIVE_WEIGHTS = cumulativeWeights(FAMILIES);
const CATEGORIES = scaleData.hostCategories;

/** The running total of the families' weights, for pickWeighted. */
function cumulativeWeights(families: readonly HostFamily[]): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const family of families) {
    total += family.weight;
    cumulative.push(total);
  }
  return cumulative;
}

function hostname(family: HostFamily, counter: number, random: Random, taken: Set<string>): string {
  for (;;) {
    const name = family.pattern
      .replace("{n}", String(counter).padStart(family.pad, "0"))
      .replace("{hex}", random.hex(6));
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** How many hosts of `total` fall in a category of `share`, at least the minimum. */
function categorySize(total: number, share: number): number {
  return Math.max(CATEGORIES.minimum, Math.round(total * share));
}

/** The shares a shape may change (org/shape.ts); the rest stay the demo org's. */
export type HostShares = Pick<typeof CATEGORIES, "cwsDisabledShare" | "cspmEnabledShare">;

export function generateHosts(seed: number, total: number, nowMs: number, shares: HostShares = CATEGORIES): DemoHost[] {
  const taken = new Set<string>();
  const counters = new Map<HostFamily, number>();
  const order = rngFor(seed, "host-categories").shuffled([...Array(total).keys()]);
  const noAgent = new Set(order.slice(0, categorySize(total, CATEGORIES.noAgentShare)));
  let next = noAgent.size;
  const take = (share: number) => {
    const size = categorySize(total, share);
    const chosen = new Set(order.slice(next, next + size));
    next += size;
    return chosen;
  };
  const stale = take(CATEGORIES.staleShare);
  const oldAgent = take(CATEGORIES.oldAgentShare);
  const cwsDisabled = take(shares.cwsDisabledShare);

  const hosts: DemoHost[] = [];
  for (let index = 0; index < total; index++) {
    const random = rngFor(seed, "host", index);
    const family = FAMILIES[pickWeighted(CUMULATIVE_WEIGHTS, random)] as HostFamily;
    const counter = (counters.get(family) ?? 0) + 1;
    counters.set(family, counter);
    const hasAgent = !noAgent.has(index);
    const isStale = stale.has(index);
    const versions = oldAgent.has(index) ? hostData.agentVersions.old : hostData.agentVersions.current;
    hosts.push({
      id: 100000000 + index * 7 + random.int(0, 6),
      hostname: hostname(family, counter, random, taken),
      os: family.os,
      platform: family.platform,
      cloud: family.cloud,
      env: family.env,
      service: family.service,
      agentVersion: hasAgent ? random.pick(versions) : null,
      cwsEnabled: hasAgent && !cwsDisabled.has(index),
      cspmEnabled: hasAgent && random.chance(shares.cspmEnabledShare),
      // Stale hosts stay within the hosts API's 7-day retention, so `from` can still find them.
      lastReportedAt: isStale
        ? nowMs - random.int(2, 5) * DAY_MS - random.int(0, 23) * HOUR_MS
        : nowMs - random.int(5, 300) * 1000,
      stale: isStale,
      oldAgent: hasAgent && oldAgent.has(index),
    });
  }
  return hosts;
}

/** Hosts an agent reports for (the CSM agents list). */
export function agentHosts(hosts: readonly DemoHost[]): DemoHost[] {
  return hosts.filter((h) => h.agentVersion !== null);
}

/** The hosts API lists hosts live in this window unless `from` says otherwise… */
export const HOST_LIVE_WINDOW_MS = 3 * HOUR_MS;
/** …and never hosts silent for longer than its retention. */
export const HOST_RETENTION_MS = 7 * DAY_MS;
