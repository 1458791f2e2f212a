/**
 * Signals and Audit Trail events collected from real recorded responses, each
 * in three cursor pages. The signals collector asks for more than the
 * recording holds (it cuts the period into time slices after the first page);
 * the replay gives each slice the recorded page whose signals lie in it, so
 * each recorded signal arrives once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_CHANGE_QUERY } from "../../src/collectors/audit.js";
import { TRIAGE_BOUNDS_MINUTES } from "../../src/collectors/signals/histogram.js";
import type { Period } from "../../src/snapshot/schema.js";
import {
  assessRecorded,
  okData,
  type RecordedCollection,
  useRecordedCollection,
  utcPeriod,
} from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const SIGNALS_PATH = "/api/v2/security_monitoring/signals/search";
const NOTIFICATION_RULES_PATH = "/api/v2/security/signals/notification_rules";
/** The signals collector measures routing, so it reads the notification rules too: the recorded ones are served. */
const notificationRules = loadRecording("notification-rules", "list");

function signalRequests(run: RecordedCollection) {
  return run.requests.filter((request) => request.path === SIGNALS_PATH);
}

async function populationIds(run: RecordedCollection, file: string): Promise<string[]> {
  const text = (await readFile(join(run.populationDir, file), "utf8")).trim();
  return text === "" ? [] : text.split("\n").map((line) => (JSON.parse(line) as Wire).id as string);
}

function cursors(run: RecordedCollection): Array<string | null> {
  return run.requests
    .filter((request) => request.path !== NOTIFICATION_RULES_PATH)
    .map((request) => (request.body as { page?: { cursor?: string } }).page?.cursor ?? null);
}

function recordedCursors(recording: ReturnType<typeof loadRecording>): string[] {
  return recording.exchanges.flatMap((exchange) => {
    const cursor = (bodyOf(exchange.request) as { page?: { cursor?: string } }).page?.cursor;
    return cursor ? [cursor] : [];
  });
}

describe("security signals (signals search, three cursor pages)", () => {
  const recording = loadRecording("signals-search", "paged");
  const wire = recordedItems<Wire>(recording, "data");
  // Recorded on 2022-04-13 at 11:32:57Z; every signal it returned is from 2022-04-12.
  const now = new Date(recording.provenance.recorded_at);
  const period = utcPeriod("2022-04-12", "2022-04-13");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording), recordedRoute(notificationRules)],
    only: ["signals"],
    period,
    now,
  }));

  it("searches every signal of the period, 1000 a page, and follows only recorded cursors", () => {
    expect(run().parts.signals.status).toBe("ok");
    expect(
      run()
        .requests.filter((request) => request.path !== SIGNALS_PATH)
        .map((request) => [request.method, request.path]),
    ).toEqual([["GET", NOTIFICATION_RULES_PATH]]);
    for (const request of signalRequests(run())) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe(SIGNALS_PATH);
      expect(request.body).toMatchObject({ filter: { query: "*" }, page: { limit: 1000 }, sort: "timestamp" });
    }
    expect(cursors(run())[0]).toBeNull();
    const known = new Set(recordedCursors(recording));
    expect(cursors(run()).filter((cursor) => cursor !== null && !known.has(cursor))).toEqual([]);
  });

  it("counts each recorded signal once, by severity, triage state, day and rule, as the wire says", () => {
    const signals = okData(run().parts, "signals");
    expect(wire.map((signal) => signal.id)).toHaveLength(3);
    expect(signals.total).toBe(3);
    expect(signals.by_severity).toEqual({ high: 3 });
    expect(signals.by_triage_state).toEqual({ open: 3 });
    expect(signals.by_day).toEqual([{ date: "2022-04-12", count: 3 }]);
    const byRule = signals.by_rule.map(({ rule_id, rule_name, count, by_severity, first_seen, last_seen }) => ({
      rule_id,
      rule_name,
      count,
      by_severity,
      first_seen,
      last_seen,
    }));
    expect(byRule).toEqual([
      {
        rule_id: "xgh-dfy-ywf",
        rule_name: "PAM Configuration Files Modification",
        count: 2,
        by_severity: { high: 2 },
        first_seen: "2022-04-12T13:54:02.099Z",
        last_seen: "2022-04-12T13:54:02.513Z",
      },
      {
        rule_id: "z4y-148-fv6",
        rule_name: "EC2 instance resolved a suspicious AWS metadata DNS query",
        count: 1,
        by_severity: { high: 1 },
        first_seen: "2022-04-12T13:54:11.485Z",
        last_seen: "2022-04-12T13:54:11.485Z",
      },
    ]);
  });

  it("ages the still-open high signals from collection time: about 21.6 hours, in the 12-24 h bucket", () => {
    const high = okData(run().parts, "signals").triage_by_severity.high!;
    const bucket = TRIAGE_BOUNDS_MINUTES.indexOf(1440);
    expect(high.count).toBe(3);
    expect(high.still_open.le_minutes[bucket]).toBe(1440);
    expect(high.still_open.counts[bucket]).toBe(3);
    expect(high.still_open.counts.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(high.left_open.counts.every((count) => count === 0)).toBe(true);
  });

  it("writes each recorded signal once to the population file, with its tags and rule", async () => {
    const signals = okData(run().parts, "signals");
    const lines = (await readFile(join(run().populationDir, signals.population_file!), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Wire);
    expect(lines.map((line) => line.id).sort()).toEqual(wire.map((signal) => signal.id).sort());
    for (const signal of wire) {
      const attributes = signal.attributes as Wire;
      const workflow = (attributes.attributes as Wire).workflow as { rule: Wire; triage: Wire };
      expect(lines.find((line) => line.id === signal.id)).toEqual({
        id: signal.id,
        timestamp: attributes.timestamp,
        severity: attributes.status,
        rule_id: workflow.rule.id,
        rule_name: workflow.rule.name,
        triage_state: workflow.triage.state,
        triage_updated_at: null,
        tags: attributes.tags,
      });
    }
  });
});

describe("notification routing measured on the recorded signals (README defect 2)", () => {
  const recording = loadRecording("signals-search", "paged");
  const rulesRecording = loadRecording("rules", "default-rules-paged");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording), recordedRoute(notificationRules), recordedRoute(rulesRecording)],
    only: ["signals", "notification_rules", "rules"],
    period: utcPeriod("2022-04-12", "2022-04-13"),
    now: new Date(recording.provenance.recorded_at),
  }));

  it("matches none of the three high env:prod signals to the two critical, signal_correlation, env:test rules", () => {
    const signals = okData(run().parts, "signals");
    expect(signals.total).toBe(3);
    expect(signals.routing).toEqual({
      by_severity: { high: { total: 3, routed: 0 } },
      rules: [
        { id: "yc8-i7q-9be", matched_by_severity: {} },
        { id: "yja-vtn-jr9", matched_by_severity: {} },
      ],
      unparsable_rules: [],
    });
  });

  it("does not pass or half-pass notification_routing when only env:test signals are routed", () => {
    const result = assessRecorded("notification_routing", run().snapshot);
    expect(result.status).toBe("fail");
    expect(result.messageId).toBe("noneRouted");
    expect(result.reasonCode).toBe("notification_missing");
    expect(result.data.routed).toBe(0);
    const [critical, high] = result.data.per_severity as string[];
    expect(critical).toBe(
      "critical not routed (no critical signal in the period to measure; notification rules covering it are scoped: env:test; 0 of 4 rules notify from their cases)",
    );
    // The 4: the recorded rules that are enabled and have a critical case, none of which notifies from it.
    const criticalCases = recordedItems<Wire>(rulesRecording, "data")
      .filter((rule) => rule.isEnabled === true)
      .flatMap((rule) => (rule.cases as Wire[]).filter((ruleCase) => ruleCase.status === "critical"));
    expect(criticalCases.map((ruleCase) => ruleCase.notifications)).toEqual([[], [], [], []]);
    expect(high).toBe(
      "high not routed: 0 of 3 high signals (0%) matched by a notification rule's selectors, required 95% (scopes: none)",
    );
  });
});

describe("security signals with the recorded window as the period (README defect 1)", () => {
  const recording = loadRecording("signals-search", "paged");
  const wire = recordedItems<Wire>(recording, "data");
  // What the recorded search asked; the API answered with three signals of the day before.
  const period: Period = {
    label: "custom",
    from: "2022-04-13T11:17:57.080Z",
    to: "2022-04-13T11:32:57.080Z",
    timezone: "UTC",
  };
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording), recordedRoute(notificationRules)],
    only: ["signals"],
    period,
    now: new Date(recording.provenance.recorded_at),
  }));

  it("is the window the recording asked, and the recorded signals all lie before it", () => {
    const asked = bodyOf(recording.exchanges[0]!.request) as { filter: { from: string; to: string } };
    expect(asked.filter).toMatchObject({ from: period.from, to: period.to });
    expect(wire.map((signal) => (signal.attributes as Wire).timestamp)).toEqual([
      "2022-04-12T13:54:02.099Z",
      "2022-04-12T13:54:02.513Z",
      "2022-04-12T13:54:11.485Z",
    ]);
  });

  it("counts none of the three out-of-period signals, and says so in a warning", () => {
    expect(run().parts.signals.status).toBe("ok");
    const signals = okData(run().parts, "signals");
    expect(signals.total).toBe(0);
    expect(signals.by_rule).toEqual([]);
    expect(signals.by_severity).toEqual({});
    expect(signals.by_triage_state).toEqual({});
    expect(signals.by_day.every((day) => day.count === 0)).toBe(true);
    expect(signals.routing?.by_severity).toEqual({});
    expect(run().parts.signals.warnings).toEqual([
      "3 signal(s) the API returned from outside the period [2022-04-13T11:17:57.080Z, 2022-04-13T11:32:57.080Z) were left out of every count and of the population",
    ]);
  });

  it("writes none of them to the population file", async () => {
    const signals = okData(run().parts, "signals");
    expect(await populationIds(run(), signals.population_file!)).toEqual([]);
  });

  it("asks the recorded window widened to whole seconds plus one, and never a slice outside it", () => {
    const requests = signalRequests(run());
    const windows = requests.map((request) => (request.body as { filter: { from: string; to: string } }).filter);
    // The first search is the recorded window (the replay answers it with the recorded signals).
    expect(windows[0]).toMatchObject({ from: "2022-04-13T11:17:56Z", to: "2022-04-13T11:32:59Z" });
    for (const filter of windows) {
      expect(Date.parse(filter.from)).toBeGreaterThanOrEqual(Date.parse("2022-04-13T11:17:56Z"));
      expect(Date.parse(filter.to)).toBeLessThanOrEqual(Date.parse("2022-04-13T11:32:59Z"));
    }
    expect(cursors(run()).filter((cursor) => cursor !== null)).toEqual(recordedCursors(recording));
  });
});

describe("Audit Trail (audit search, three cursor pages)", () => {
  const recording = loadRecording("audit-search", "paged");
  const wire = recordedItems<Wire>(recording, "data");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["audit"],
    period: utcPeriod("2022-04-13", "2022-04-14"),
    now: new Date(recording.provenance.recorded_at),
  }));

  it("asks for rule changes only, and follows the recorded cursors to the last page", () => {
    expect(run().parts.audit.status).toBe("ok");
    expect(cursors(run())).toEqual([null, ...recordedCursors(recording)]);
    for (const request of run().requests) {
      expect(request.body).toMatchObject({
        filter: { query: RULE_CHANGE_QUERY },
        page: { limit: 1000 },
        sort: "timestamp",
      });
    }
  });

  it("never reports a change that is not one of the recorded events", () => {
    const ids = new Set(wire.map((event) => event.id));
    // What the wire holds: API requests, none about a rule (see the README's defect list).
    expect(wire.map((event) => ((event.attributes as Wire).attributes as Wire).action)).toEqual([
      "accessed",
      "accessed",
      "accessed",
    ]);
    expect(wire.every((event) => ((event.attributes as Wire).attributes as Wire).asset === undefined)).toBe(true);
    for (const change of okData(run().parts, "audit").rule_changes) expect(ids.has(change.id)).toBe(true);
  });

  it("reads none of the three API-access events as a rule change, and counts them as ignored (README defect 4)", () => {
    expect(wire.map((event) => event.id)).toEqual([
      "AQAAAYAiOhYWi7EZ-QAAAABBWUFpT2hvT0FBRGJLTGZoSU50TEVRQUE",
      "AQAAAYAiOhYWRqxX3QAAAABBWUFpT2hvTUFBQks5Nkl0TVJTV2pBQUE",
      "AQAAAYAiOhgURpZX3QAAAABBWUFpT2hudkFBQks5Nkl0TVJTV2RnQUE",
    ]);
    expect(okData(run().parts, "audit").rule_changes).toEqual([]);
    expect(run().parts.audit.warnings).toEqual([
      "3 audit event(s) about something other than a detection rule or suppression were ignored",
    ]);
  });
});
