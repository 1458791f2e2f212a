/** A signal as readSignal hands it on, for tests of what consumes one (aggregates, lines, routing). */
import type { SignalRecord } from "../../src/collectors/signals/read-signal.js";

export function signalRecord(overrides: Partial<SignalRecord>): SignalRecord {
  return {
    id: "s",
    timestamp: Date.parse("2026-09-10T12:00:00Z"),
    severity: "high",
    rule_id: "r1",
    rule_name: "Rule one",
    triage_state: "archived",
    triage_updated_at: null,
    tags: [],
    rule_type: "log_detection",
    fields: [],
    reserved: {},
    ...overrides,
  };
}
