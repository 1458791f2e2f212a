/**
 * Rule changes from Audit Trail, field by field: what each audited event
 * becomes (readRuleChange, on bodies shaped like audit-search/paged.json),
 * and what the collector asks, keeps and counts, through the official client
 * over HTTP on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { PAGE_LIMIT, RULE_CHANGE_QUERY, readRuleChange } from "../../src/collectors/audit.js";
import { collectRecorded, okData, utcPeriod } from "../helpers/collect-recorded.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/** An audited event as the search returns it: the change's details under attributes.attributes. */
function auditEvent(id: string | undefined, timestamp: string | undefined, inner: Record<string, unknown>) {
  return { id, type: "audit", attributes: { timestamp, service: "security-monitoring", attributes: inner } };
}

const RULE = { type: "security_rule", id: "abc-def-ghi", name: "Brute force on SSH" };

describe("readRuleChange", () => {
  it("reads a rule change's id, time, action, subject and user", () => {
    expect(
      readRuleChange(
        auditEvent("AQAAAY1", "2026-07-14T09:21:13.750Z", {
          action: "created",
          asset: RULE,
          usr: { email: "ana@example.com", name: "Ana", id: "u-1" },
        }),
      ),
    ).toEqual({
      kind: "change",
      change: {
        id: "AQAAAY1",
        timestamp: "2026-07-14T09:21:13.750Z",
        action: "created",
        asset_type: "security_rule",
        rule_id: "abc-def-ghi",
        rule_name: "Brute force on SSH",
        user: "ana@example.com",
      },
    });
  });

  it("names a modification that switches isEnabled for what it is, and any other one 'modified'", () => {
    const action = (prev: unknown, next: unknown) => {
      const read = readRuleChange(
        auditEvent("e", "2026-07-14T09:00:00Z", {
          action: "modified",
          asset: { ...RULE, prev_value: prev, new_value: next },
        }),
      );
      return read.kind === "change" ? read.change.action : read.kind;
    };
    expect(action({ isEnabled: false }, { isEnabled: true })).toBe("enabled");
    expect(action({ isEnabled: true }, { isEnabled: false })).toBe("disabled");
    expect(action({ isEnabled: true }, { isEnabled: true })).toBe("modified");
    expect(action({ isEnabled: false }, { isEnabled: false })).toBe("modified");
    expect(action(undefined, { isEnabled: true })).toBe("modified");
    expect(action({ isEnabled: true }, undefined)).toBe("modified");
    expect(action("false", { isEnabled: true })).toBe("modified");
    expect(action({ isEnabled: "false" }, { isEnabled: "true" })).toBe("modified");
  });

  it("keeps isEnabled switches only on 'modified'; a missing action is 'unknown'", () => {
    const read = (action: unknown) => {
      const result = readRuleChange(
        auditEvent("e", "2026-07-14T09:00:00Z", {
          action,
          asset: { ...RULE, prev_value: { isEnabled: false }, new_value: { isEnabled: true } },
        }),
      );
      return result.kind === "change" ? result.change.action : result.kind;
    };
    expect(read("deleted")).toBe("deleted");
    expect(read(undefined)).toBe("unknown");
    expect(read("")).toBe("unknown");
    expect(read(42)).toBe("unknown");
  });

  it("names the user by email, else name, else id, and none when all are missing or empty", () => {
    const user = (usr: unknown) => {
      const read = readRuleChange(auditEvent("e", "2026-07-14T09:00:00Z", { action: "created", asset: RULE, usr }));
      return read.kind === "change" ? read.change.user : read.kind;
    };
    expect(user({ email: "", name: "Ana", id: "u-1" })).toBe("Ana");
    expect(user({ name: "", id: "u-1" })).toBe("u-1");
    expect(user({ id: "" })).toBeNull();
    expect(user(undefined)).toBeNull();
    expect(user("ana@example.com")).toBeNull();
  });

  it("tells suppressions from rules by the word in asset.type, and anything else is another kind", () => {
    const kind = (asset: unknown) => {
      const read = readRuleChange(auditEvent("e", "2026-07-14T09:00:00Z", { action: "created", asset }));
      return read.kind === "change" ? read.change.asset_type : read.kind;
    };
    expect(kind(RULE)).toBe("security_rule");
    expect(kind({ type: "security_monitoring_suppression", id: "s-1" })).toBe("suppression");
    expect(kind({ type: "suppression" })).toBe("suppression");
    expect(kind({ type: "security_rules" })).toBe("other");
    expect(kind({ type: "dashboard", id: "d-1" })).toBe("other");
    expect(kind({ type: "" })).toBe("other");
    expect(kind({})).toBe("other");
    expect(kind(undefined)).toBe("other");
  });

  it("reads a missing asset id or name as none", () => {
    const read = readRuleChange(
      auditEvent("e", "2026-07-14T09:00:00Z", { action: "created", asset: { type: "security_rule", id: "", name: 7 } }),
    );
    expect(read).toMatchObject({ kind: "change", change: { rule_id: null, rule_name: null, user: null } });
  });

  it("cannot read an event without an id or a readable timestamp", () => {
    const inner = { action: "created", asset: RULE };
    expect(readRuleChange(auditEvent(undefined, "2026-07-14T09:00:00Z", inner))).toEqual({ kind: "unreadable" });
    expect(readRuleChange(auditEvent("", "2026-07-14T09:00:00Z", inner))).toEqual({ kind: "unreadable" });
    expect(readRuleChange(auditEvent("e", undefined, inner))).toEqual({ kind: "unreadable" });
    expect(readRuleChange(auditEvent("e", "yesterday", inner))).toEqual({ kind: "unreadable" });
    expect(readRuleChange(null)).toEqual({ kind: "unreadable" });
    expect(readRuleChange("e")).toEqual({ kind: "unreadable" });
    expect(readRuleChange({ id: "e" })).toEqual({ kind: "unreadable" });
    // An unreadable event is counted before its kind is looked at.
    expect(readRuleChange(auditEvent("e", undefined, { action: "accessed" }))).toEqual({ kind: "unreadable" });
  });

  it("reads a timestamp the client turned into a Date", () => {
    const read = readRuleChange({
      id: "e",
      attributes: { timestamp: new Date("2026-07-14T09:00:00.500Z"), attributes: { action: "created", asset: RULE } },
    });
    expect(read).toMatchObject({ kind: "change", change: { timestamp: "2026-07-14T09:00:00.500Z" } });
  });
});

describe("the audit collector", () => {
  const PATH = "/api/v2/audit/events/search";
  const change = (id: string, timestamp: string) =>
    auditEvent(id, timestamp, { action: "created", asset: RULE, usr: { email: "ana@example.com" } });

  it("asks for rule changes over the period widened by a second, follows the cursor, keeps [from, to) and counts the rest", async () => {
    const run = await collectRecorded({
      routes: [
        wireRoute("POST", PATH, [
          {
            body: {
              meta: { page: { after: "cursor-2" } },
              data: [
                change("e-last", "2026-07-31T23:59:59.999Z"),
                change("e-before", "2026-06-30T23:59:59.999Z"),
                change("e-b", "2026-07-10T00:00:00Z"),
                auditEvent("e-access", "2026-07-10T00:00:00Z", { action: "accessed" }),
              ],
            },
          },
          {
            cursor: "cursor-2",
            body: {
              data: [
                change("e-a", "2026-07-10T00:00:00Z"),
                change("e-at-to", "2026-08-01T00:00:00Z"),
                change("e-first", "2026-07-01T00:00:00.000Z"),
                auditEvent(undefined, "2026-07-10T00:00:00Z", { action: "created", asset: RULE }),
                auditEvent("e-dash", "2026-07-11T00:00:00Z", { action: "created", asset: { type: "dashboard" } }),
              ],
            },
          },
        ]),
      ],
      only: ["audit"],
      period: PERIOD,
      now: NOW,
    });
    await run.dispose();
    expect(run.requests.map((request) => request.body)).toEqual([
      {
        filter: { query: RULE_CHANGE_QUERY, from: "2026-06-30T23:59:59.000Z", to: "2026-08-01T00:00:01.000Z" },
        page: { limit: PAGE_LIMIT },
        sort: "timestamp",
      },
      {
        filter: { query: RULE_CHANGE_QUERY, from: "2026-06-30T23:59:59.000Z", to: "2026-08-01T00:00:01.000Z" },
        page: { limit: PAGE_LIMIT, cursor: "cursor-2" },
        sort: "timestamp",
      },
    ]);
    const changes = okData(run.parts, "audit").rule_changes;
    expect(changes.map((item) => [item.id, item.timestamp])).toEqual([
      ["e-first", "2026-07-01T00:00:00.000Z"],
      ["e-a", "2026-07-10T00:00:00.000Z"],
      ["e-b", "2026-07-10T00:00:00.000Z"],
      ["e-last", "2026-07-31T23:59:59.999Z"],
    ]);
    expect(changes[0]).toEqual({
      id: "e-first",
      timestamp: "2026-07-01T00:00:00.000Z",
      action: "created",
      asset_type: "security_rule",
      rule_id: "abc-def-ghi",
      rule_name: "Brute force on SSH",
      user: "ana@example.com",
    });
    expect(run.parts.audit.warnings).toEqual([
      "1 audit event(s) without an id or timestamp were skipped",
      "2 audit event(s) about something other than a detection rule or suppression were ignored",
      "2 audit event(s) the API returned from outside the period were left out",
    ]);
  });

  it("warns of nothing when every event is a rule change of the period", async () => {
    const run = await collectRecorded({
      routes: [wireRoute("POST", PATH, [{ body: { data: [change("e-1", "2026-07-02T00:00:00Z")] } }])],
      only: ["audit"],
      period: PERIOD,
      now: NOW,
    });
    await run.dispose();
    expect(okData(run.parts, "audit").rule_changes.map((item) => item.id)).toEqual(["e-1"]);
    expect(run.parts.audit.warnings).toEqual([]);
    expect(run.requests).toHaveLength(1);
  });
});
