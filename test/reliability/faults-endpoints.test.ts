/**
 * Faults on every endpoint the collectors read, injected by the simulator and
 * met by the real client and collectors: 5xx, 429 storms, timeouts, bodies
 * cut mid-way, malformed JSON, unknown enum values, missing fields and a
 * signal cursor that fails halfway. Retries end within a bound computed from
 * the retry policy; a part that cannot be collected is `status: error`, and
 * exactly the findings that read it become `unknown` (never a pass, never a
 * measured fail). Odd items are kept and flagged, or the part fails: they are
 * never silently dropped or misread.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assess } from "../../src/assess/index.js";
import { type AssessInputs, loadAssessInputs } from "../../src/assess/load-inputs.js";
import { DEFAULT_FRAMEWORKS, Thresholds } from "../../src/config/schema.js";
import { ENDPOINT_IDS } from "../../src/simulator/index.js";
import { COLLECTOR_IDS, type CollectorId, type Snapshot } from "../../src/snapshot/schema.js";
import { useSimulator } from "../helpers/simulator.js";
import { expectDependentsUnknown } from "./fixtures/dependents.js";
import {
  COLLECT_ENDPOINTS,
  COLLECTOR_OF_ENDPOINT,
  type CollectEndpoint,
  DOCTOR_ENDPOINTS,
  SUBMIT_ENDPOINTS,
} from "./fixtures/endpoints.js";
import { collectUnder, FAST_POLICY, NOW, SHORT_TIMEOUT_POLICY } from "./fixtures/fast-collect.js";

const context = useSimulator({ now: NOW });
let inputs: AssessInputs;
let baseline: Snapshot;

beforeAll(async () => {
  inputs = await loadAssessInputs({ frameworks: [...DEFAULT_FRAMEWORKS], userDirs: [], attestationsFile: null });
  baseline = (await collectUnder(context.sim, "")).snapshot;
  expect(baseline.complete).toBe(true);
});
afterEach(() => context.sim.setFaults(""));

function assessed(snapshot: Snapshot) {
  return assess({ snapshot, ...inputs, thresholds: Thresholds.parse({}), frameworks: [...DEFAULT_FRAMEWORKS] });
}

function dataOf(snapshot: Snapshot, part: CollectorId): Record<string, unknown> {
  const collected = snapshot.collectors[part];
  if (collected.status !== "ok") throw new Error(`${part}: ${collected.error}`);
  return collected.data as Record<string, unknown>;
}

function expectOnlyFailed(snapshot: Snapshot, failed: CollectorId): void {
  expect(snapshot.complete).toBe(false);
  for (const id of COLLECTOR_IDS.filter((other) => other !== failed))
    expect(snapshot.collectors[id].status, id).toBe("ok");
}

/**
 * Every call a part started was attempted exactly `retries + 1` times, no more: the
 * bound on a failure is its attempts (a part may start several calls at once).
 */
function expectEveryCallGivenUpAfter(snapshot: Snapshot, retries: number): void {
  for (const id of COLLECTOR_IDS) {
    const { requests, retries: retried } = snapshot.collectors[id];
    expect(retried, id).toBeGreaterThanOrEqual(retries);
    expect(retried * (retries + 1), id).toBe(requests * retries);
  }
}

describe("the endpoint table", () => {
  it("places every endpoint of the simulator, and feeds every snapshot part", () => {
    expect([...COLLECT_ENDPOINTS, ...SUBMIT_ENDPOINTS, ...DOCTOR_ENDPOINTS].sort()).toEqual([...ENDPOINT_IDS].sort());
    expect(new Set(Object.values(COLLECTOR_OF_ENDPOINT))).toEqual(new Set(COLLECTOR_IDS));
  });
});

describe("5xx on each endpoint", () => {
  it.each(COLLECT_ENDPOINTS)(
    "%s: a persistent 500 is given up after the retries; its part is an error and exactly its dependents are unknown",
    async (endpoint) => {
      const part = COLLECTOR_OF_ENDPOINT[endpoint];
      const { snapshot } = await collectUnder(context.sim, `${endpoint}:status=500`);
      expect(snapshot.collectors[part]).toMatchObject({
        status: "error",
        error: "Datadog answered HTTP 500: Internal Server Error",
        retries: FAST_POLICY.maxRetries,
      });
      expectOnlyFailed(snapshot, part);

      const assessment = assessed(snapshot);
      expect(assessment.complete).toBe(false);
      expect(assessment.snapshot_warnings).toContain(
        `${part}: collector failed: Datadog answered HTTP 500: Internal Server Error`,
      );
      const dependents = expectDependentsUnknown(assessment, inputs.mappings, [part]);
      // Audit Trail feeds the gap report's rule changes, not a check.
      if (part !== "audit") expect(dependents).toBeGreaterThan(0);
    },
  );

  it.each(COLLECT_ENDPOINTS)("%s: 503 twice, then an answer: the part recovers", async (endpoint) => {
    const part = COLLECTOR_OF_ENDPOINT[endpoint];
    const { snapshot } = await collectUnder(context.sim, `${endpoint}:status=503@2`, { only: [part] });
    expect(snapshot.collectors[part]).toMatchObject({ status: "ok", retries: 2 });
    expect(dataOf(snapshot, part)).toEqual(dataOf(baseline, part));
  });
});

describe("429 storms", () => {
  it("a 429 that never ends is given up on every endpoint after the retries, each announced reset waited out", async () => {
    const before = context.sim.requests.length;
    const { snapshot, elapsedMs } = await collectUnder(context.sim, "*:status=429");
    for (const id of COLLECTOR_IDS) {
      expect(snapshot.collectors[id], id).toMatchObject({
        status: "error",
        error: expect.stringMatching(/^Datadog answered HTTP 429/),
      });
    }
    // Each announced one-second reset was waited out before giving up.
    expect(elapsedMs).toBeGreaterThanOrEqual(FAST_POLICY.maxRetries * 1000);
    for (const id of COLLECTOR_IDS)
      expect(snapshot.collectors[id].retries, id).toBeGreaterThanOrEqual(FAST_POLICY.maxRetries);
    // No call was tried more than the policy allows (a part whose sibling call failed first may stop one early).
    // GET calls are told apart by path and query; the searches' bodies are not recorded. The notification
    // rules are read twice: by their own part and by the signals part, which measures routing.
    const callers = (path: string) => (path === "/api/v2/security/signals/notification_rules" ? 2 : 1);
    const attempts = new Map<string, number>();
    for (const request of context.sim.requests.slice(before).filter((served) => served.method === "GET"))
      attempts.set(request.path, (attempts.get(request.path) ?? 0) + 1);
    expect(attempts.size).toBeGreaterThan(0);
    for (const [path, count] of attempts)
      expect(count, path).toBeLessThanOrEqual(callers(path) * (FAST_POLICY.maxRetries + 1));
    const assessment = assessed(snapshot);
    expectDependentsUnknown(assessment, inputs.mappings, COLLECTOR_IDS);
    const statuses = new Set(
      assessment.frameworks.flatMap((framework) => framework.controls.map((control) => control.status)),
    );
    expect(statuses.has("pass")).toBe(false);
    expect(statuses.has("fail")).toBe(false);
  });

  it("three 429s, then answers: every part recovers with the same data", async () => {
    const policy = { ...FAST_POLICY, maxRetries: 3 };
    const { snapshot, elapsedMs } = await collectUnder(context.sim, "*:status=429@3", { policy });
    expect(snapshot.complete).toBe(true);
    for (const id of COLLECTOR_IDS) expect(dataOf(snapshot, id), id).toEqual(dataOf(baseline, id));
    expect(snapshot.collectors.rules.retries).toBe(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(3 * 1000);
  });
});

describe("timeouts", () => {
  it("answers slower than the timeout are given up on every endpoint after the retries", async () => {
    const { snapshot, elapsedMs } = await collectUnder(context.sim, "*:latency=1500", {
      policy: SHORT_TIMEOUT_POLICY,
    });
    for (const id of COLLECTOR_IDS) {
      expect(snapshot.collectors[id], id).toMatchObject({
        status: "error",
        error: expect.stringMatching(/no complete answer within \d+ m?s after 3 attempts$/),
      });
    }
    expect(elapsedMs).toBeGreaterThanOrEqual((SHORT_TIMEOUT_POLICY.maxRetries + 1) * SHORT_TIMEOUT_POLICY.timeoutMs);
    expectEveryCallGivenUpAfter(snapshot, SHORT_TIMEOUT_POLICY.maxRetries);
  });
});

describe("bodies cut mid-way and malformed JSON", () => {
  const cases = COLLECT_ENDPOINTS.flatMap((endpoint) =>
    [
      ["cut", /a network error \(.+\) after 3 attempts$/],
      ["malformed", /a response body that is not valid JSON after 3 attempts$/],
    ].map(([fault, message]) => [endpoint, fault, message] as [CollectEndpoint, string, RegExp]),
  );

  it.each(cases)(
    "%s, %s: retried, given up as an error when it persists, recovered when it stops",
    async (endpoint, fault, message) => {
      const part = COLLECTOR_OF_ENDPOINT[endpoint];
      const failed = await collectUnder(context.sim, `${endpoint}:${fault}`, { only: [part] });
      expect(failed.snapshot.collectors[part]).toMatchObject({
        status: "error",
        error: expect.stringMatching(message),
        retries: FAST_POLICY.maxRetries,
      });

      const recovered = await collectUnder(context.sim, `${endpoint}:${fault}@1`, { only: [part] });
      expect(recovered.snapshot.collectors[part]).toMatchObject({ status: "ok", retries: 1 });
      expect(dataOf(recovered.snapshot, part)).toEqual(dataOf(baseline, part));
    },
  );
});

describe("a signal cursor that fails halfway", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-cursor-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("fails the signals part after the first page, leaving no population file or part of one", async () => {
    // A month holds about 1,700 signals: more than one page of 1,000.
    const before = context.sim.requests.length;
    const { snapshot } = await collectUnder(context.sim, "signals:fail-after=1", {
      period: "2026-10",
      populationDir: dir,
    });
    expect(snapshot.collectors.signals).toMatchObject({
      status: "error",
      error: "Datadog answered HTTP 500: Internal Server Error",
    });
    // The first page was answered; what failed was a later one. (Read from what the server answered:
    // how many requests concurrent slices make before the part gives up depends on their timing.)
    const answered = context.sim.requests
      .slice(before)
      .filter((request) => request.endpoint === "signals")
      .map((request) => request.status);
    expect(answered.filter((status) => status === 200)).toHaveLength(1);
    expect(answered.filter((status) => status === 500).length).toBeGreaterThanOrEqual(1 + FAST_POLICY.maxRetries);
    expect(answered.filter((status) => status !== 200 && status !== 500)).toEqual([]);
    expectOnlyFailed(snapshot, "signals");
    expect(await readdir(dir)).toEqual([]);
    expectDependentsUnknown(assessed(snapshot), inputs.mappings, ["signals"]);
  });
});

/** Strips what an unknown enum value legitimately changes, so the rest can be compared with the baseline. */
const UNKNOWN_ENUM_CHANGES: Partial<Record<CollectEndpoint, (data: Record<string, unknown>) => unknown>> = {
  // The rule carrying the value is read from raw JSON (flagged) and keeps the value it was sent.
  rules: (data) =>
    (data.rules as Array<Record<string, unknown>>).map(({ unparsed: _flag, cases, ...rule }) => ({
      ...rule,
      cases: (cases as Array<Record<string, unknown>>).map(({ severity: _severity, ...rest }) => rest),
    })),
  log_archives: (data) =>
    (data.archives as Array<Record<string, unknown>>).map(({ state: _state, ...archive }) => archive),
  // The selector carrying the value is kept as sent.
  notification_rules: (data) =>
    (data.notification_rules as Array<Record<string, unknown>>).map(({ trigger_source: _source, ...rule }) => rule),
};

describe("unknown enum values", () => {
  const endpoints = COLLECT_ENDPOINTS.filter((endpoint) => endpoint !== "log_indexes" && endpoint !== "hosts");

  it.each(endpoints)(
    "%s: every item is kept, and read exactly as before apart from the odd value",
    async (endpoint) => {
      const part = COLLECTOR_OF_ENDPOINT[endpoint];
      const { snapshot } = await collectUnder(context.sim, `${endpoint}:unknown-enum`, { only: [part] });
      const normalise = UNKNOWN_ENUM_CHANGES[endpoint] ?? ((data: Record<string, unknown>) => data);
      expect(normalise(dataOf(snapshot, part))).toEqual(normalise(dataOf(baseline, part)));
    },
  );

  it("rules: a rule read from raw JSON keeps its enabled state, origin and dates, and is flagged", async () => {
    const { snapshot } = await collectUnder(context.sim, "rules:unknown-enum", { only: ["rules"] });
    const rules = dataOf(snapshot, "rules").rules as Array<{
      id: string;
      unparsed: boolean;
      cases: Array<{ severity: string }>;
    }>;
    const odd = rules.filter((rule) => rule.cases.some((ruleCase) => ruleCase.severity === "severe"));
    expect(odd.length).toBeGreaterThan(1);
    expect(odd.every((rule) => rule.unparsed)).toBe(true);
    for (const rule of odd) expect(snapshot.collectors.rules.warnings.join("\n")).toContain(`rule ${rule.id} `);
  });

  it("notification_rules: a trigger source the client does not know is kept as sent", async () => {
    const { snapshot } = await collectUnder(context.sim, "notification_rules:unknown-enum", {
      only: ["notification_rules"],
    });
    const rules = dataOf(snapshot, "notification_rules").notification_rules as Array<{ trigger_source: string | null }>;
    expect(rules[0]?.trigger_source).toBe("security_events");
  });

  it("log_archives: a state the client does not know is kept as sent", async () => {
    const { snapshot } = await collectUnder(context.sim, "log_archives:unknown-enum", { only: ["log_archives"] });
    const archives = dataOf(snapshot, "log_archives").archives as Array<{ state: string }>;
    expect(archives[0]?.state).toBe("PAUSED");
  });
});

/**
 * What a missing field does, per endpoint: an item missing only a label is
 * kept with a placeholder; one missing a figure is kept, counted
 * conservatively and named in a warning; one that cannot be attributed at
 * all, or that the client refuses, fails the part (its dependents become
 * unknown) rather than skewing a figure.
 */
type MissingFieldOutcome =
  | { kind: "kept"; warning?: RegExp }
  | { kind: "skipped"; warning: RegExp }
  | { kind: "error"; error: RegExp };

const MISSING_FIELD: Record<CollectEndpoint, MissingFieldOutcome> = {
  rules: { kind: "kept", warning: /^rule \S+ \(".+"\) has no enabled state; it counts as disabled$/ },
  suppressions: { kind: "kept" },
  agent_rules: { kind: "kept" },
  notification_rules: { kind: "error", error: /missing required property 'name'/ },
  dashboards: { kind: "kept", warning: /^dashboard #\d+ \(".+"\) has no id; kept without one$/ },
  logs_aggregate: { kind: "error", error: /a log volume group without its source/ },
  log_indexes: { kind: "error", error: /missing required property 'name'/ },
  log_archives: { kind: "error", error: /missing required property 'name'/ },
  csm_agents: { kind: "error", error: /a security agent without a host name/ },
  hosts: { kind: "kept", warning: /^host \S+ has no last-reported time; it counts as not reporting$/ },
  signals: { kind: "skipped", warning: /^1 signal\(s\) without an id or timestamp were skipped$/ },
  audit: { kind: "skipped", warning: /^1 audit event\(s\) without an id or timestamp were skipped$/ },
};

function itemCount(data: Record<string, unknown>): number {
  if (typeof data.total === "number") return data.total;
  return (Object.values(data).find(Array.isArray) as unknown[]).length;
}

describe("missing fields", () => {
  it.each(COLLECT_ENDPOINTS)("%s: kept and flagged, or the part fails; never silently dropped", async (endpoint) => {
    const part = COLLECTOR_OF_ENDPOINT[endpoint];
    const expected = MISSING_FIELD[endpoint];
    const { snapshot } = await collectUnder(context.sim, `${endpoint}:missing-field`, { only: [part] });
    const collected = snapshot.collectors[part];
    if (expected.kind === "error") {
      expect(collected).toMatchObject({ status: "error", error: expect.stringMatching(expected.error) });
      return;
    }
    const before = itemCount(dataOf(baseline, part));
    expect(itemCount(dataOf(snapshot, part))).toBe(expected.kind === "kept" ? before : before - 1);
    if (expected.warning)
      expect(collected.warnings).toEqual(expect.arrayContaining([expect.stringMatching(expected.warning)]));
  });
});
