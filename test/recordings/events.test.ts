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
import { okData, utcPeriod, type RecordedCollection, useRecordedCollection } from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;

function cursors(run: RecordedCollection): Array<string | null> {
  return run.requests.map((request) => ((request.body as { page?: { cursor?: string } }).page?.cursor ?? null));
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
  const run = useRecordedCollection(() => ({ routes: [recordedRoute(recording)], only: ["signals"], period, now }));

  it("searches every signal of the period, 1000 a page, and follows only recorded cursors", () => {
    expect(run().parts.signals.status).toBe("ok");
    for (const request of run().requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/api/v2/security_monitoring/signals/search");
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
    const byRule = signals.by_rule.map(({ rule_id, rule_name, count, by_severity, first_seen, last_seen }) => ({ rule_id, rule_name, count, by_severity, first_seen, last_seen }));
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
    const lines = (await readFile(join(run().populationDir, signals.population_file!), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as Wire);
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
      expect(request.body).toMatchObject({ filter: { query: RULE_CHANGE_QUERY }, page: { limit: 1000 }, sort: "timestamp" });
    }
  });

  it("never reports a change that is not one of the recorded events", () => {
    const ids = new Set(wire.map((event) => event.id));
    // What the wire holds: API requests, none about a rule (see the README's defect list).
    expect(wire.map((event) => ((event.attributes as Wire).attributes as Wire).action)).toEqual(["accessed", "accessed", "accessed"]);
    expect(wire.every((event) => ((event.attributes as Wire).attributes as Wire).asset === undefined)).toBe(true);
    for (const change of okData(run().parts, "audit").rule_changes) expect(ids.has(change.id)).toBe(true);
  });
});
