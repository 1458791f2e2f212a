/**
 * What each list collector writes when the wire leaves a field out, or sends
 * an enum value the client does not know: the exact fallback, field by
 * field, through the real collectors and the official client over HTTP on
 * 127.0.0.1. The bodies are shaped like the recorded ones
 * (test/fixtures/datadog-recordings), with the fields removed.
 */
import { describe, expect, it } from "vitest";
import type { CollectorId } from "../../src/snapshot/schema.js";
import { collectRecorded, okData, utcPeriod } from "../helpers/collect-recorded.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/** Collects `id` from one GET page whose body is `{ [key]: items }`. */
async function collectList(id: CollectorId, path: string, key: string, items: unknown[]) {
  const run = await collectRecorded({
    routes: [wireRoute("GET", path, [{ body: { [key]: items } }])],
    only: [id],
    period: PERIOD,
    now: NOW,
  });
  await run.dispose();
  return run;
}

/** A suppression as the snapshot holds one whose wire item has only an id. */
const bareSuppression = (id: string) => ({
  id,
  name: "(unnamed suppression)",
  enabled: false,
  description: null,
  rule_query: "",
  suppression_query: null,
  data_exclusion_query: null,
  starts_at: null,
  expires_at: null,
  updated_at: null,
});

/** What the client requires of every notification rule, as the recorded rules carry it. */
const requiredOfNotificationRule = (name: string, enabled: boolean) => ({
  created_at: 1755115900029,
  created_by: { name: "frog", handle: "frog@datadoghq.com" },
  modified_at: 1755115900029,
  modified_by: { name: "frog", handle: "frog@datadoghq.com" },
  name,
  enabled,
  targets: ["@email@email.com"],
  time_aggregation: 0,
  version: 1,
});

describe("suppressions", () => {
  const PATH = "/api/v2/security_monitoring/configuration/suppressions";

  it("fills each missing field with its stated default, and keeps a blank description as none", async () => {
    const run = await collectList("suppressions", PATH, "data", [
      { id: "sup-bare", type: "suppressions", attributes: {} },
      { id: "sup-no-attributes", type: "suppressions" },
      {
        id: "sup-full",
        type: "suppressions",
        attributes: {
          name: "Known scanner",
          enabled: true,
          description: "  the weekly scan  ",
          rule_query: "source:cloudtrail",
          suppression_query: "@ip:10.0.0.1",
          data_exclusion_query: "env:staging",
          start_date: 1767225600000,
          expiration_date: 1798761600000,
          update_date: 1751328000123,
        },
      },
      { id: "sup-blank", type: "suppressions", attributes: { description: "   ", enabled: false } },
    ]);
    expect(okData(run.parts, "suppressions").suppressions).toEqual([
      bareSuppression("sup-bare"),
      bareSuppression("sup-blank"),
      {
        id: "sup-full",
        name: "Known scanner",
        enabled: true,
        description: "  the weekly scan  ",
        rule_query: "source:cloudtrail",
        suppression_query: "@ip:10.0.0.1",
        data_exclusion_query: "env:staging",
        starts_at: "2026-01-01T00:00:00.000Z",
        expires_at: "2027-01-01T00:00:00.000Z",
        updated_at: "2025-07-01T00:00:00.123Z",
      },
      bareSuppression("sup-no-attributes"),
    ]);
    expect(run.parts.suppressions.warnings).toEqual([]);
  });

  it("leaves out a suppression without an id, and keeps the last copy of one listed twice", async () => {
    const run = await collectList("suppressions", PATH, "data", [
      { type: "suppressions", attributes: { name: "no id" } },
      { id: "sup-b", type: "suppressions", attributes: { name: "first copy" } },
      { id: "sup-a", type: "suppressions", attributes: { name: "only" } },
      { id: "sup-b", type: "suppressions", attributes: { name: "second copy" } },
    ]);
    expect(okData(run.parts, "suppressions").suppressions.map((item) => [item.id, item.name])).toEqual([
      ["sup-a", "only"],
      ["sup-b", "second copy"],
    ]);
  });
});

describe("Workload Protection agent rules", () => {
  const PATH = "/api/v2/remote_config/products/cws/agent_rules";

  it("leaves out a rule without an id, fills missing fields with their defaults, and sorts by id", async () => {
    const run = await collectList("agent_rules", PATH, "data", [
      {
        id: "zz-full",
        type: "agent_rule",
        attributes: {
          name: "kernel_module_open",
          enabled: true,
          expression: 'open.file.path == "/etc/shadow"',
          product_tags: ["tactic:TA0003-persistence"],
          description: "A new kernel module was added",
        },
      },
      { type: "agent_rule", attributes: { name: "no id", enabled: true } },
      { id: "aa-bare", type: "agent_rule", attributes: {} },
      { id: "mm-no-attributes", type: "agent_rule" },
    ]);
    expect(okData(run.parts, "agent_rules").agent_rules).toEqual([
      {
        id: "aa-bare",
        name: "(unnamed agent rule)",
        enabled: false,
        expression: null,
        product_tags: [],
        description: null,
      },
      {
        id: "mm-no-attributes",
        name: "(unnamed agent rule)",
        enabled: false,
        expression: null,
        product_tags: [],
        description: null,
      },
      {
        id: "zz-full",
        name: "kernel_module_open",
        enabled: true,
        expression: 'open.file.path == "/etc/shadow"',
        product_tags: ["tactic:TA0003-persistence"],
        description: "A new kernel module was added",
      },
    ]);
  });
});

describe("log archives", () => {
  const PATH = "/api/v2/logs/config/archives";
  const GCS = {
    type: "gcs",
    bucket: "dd-logs",
    path: "/p",
    integration: { project_id: "p", client_email: "e@p.iam.gserviceaccount.com" },
  };

  it("reads an unknown state as sent, and a missing id and state as none and UNKNOWN", async () => {
    const run = await collectList("log_archives", PATH, "data", [
      {
        type: "archives",
        id: "arch-paused",
        attributes: { name: "paused archive", query: "service:tata", state: "PAUSED", destination: GCS },
      },
      { type: "archives", attributes: { name: "no id", query: "*", destination: GCS } },
      {
        type: "archives",
        id: "arch-working",
        attributes: {
          name: "ok",
          query: "*",
          state: "WORKING",
          destination: {
            type: "azure",
            container: "c",
            storage_account: "s",
            integration: { tenant_id: "t", client_id: "c" },
          },
        },
      },
    ]);
    expect(okData(run.parts, "log_archives").archives).toEqual([
      { id: "arch-paused", name: "paused archive", query: "service:tata", state: "PAUSED", destination_type: "gcs" },
      { id: "", name: "no id", query: "*", state: "UNKNOWN", destination_type: "gcs" },
      { id: "arch-working", name: "ok", query: "*", state: "WORKING", destination_type: "azure" },
    ]);
  });
});

describe("log archives with a destination the client does not know", () => {
  it("read the destination's type as sent", async () => {
    const run = await collectList("log_archives", "/api/v2/logs/config/archives", "data", [
      {
        type: "archives",
        id: "arch-r2",
        attributes: {
          name: "r2 archive",
          query: "*",
          state: "WORKING",
          destination: { type: "r2", bucket: "logs", account_id: "a1" },
        },
      },
    ]);
    expect(okData(run.parts, "log_archives").archives).toEqual([
      { id: "arch-r2", name: "r2 archive", query: "*", state: "WORKING", destination_type: "r2" },
    ]);
  });
});

describe("log archives sent with null fields", () => {
  it("reads a null name, query and destination as their defaults", async () => {
    const run = await collectList("log_archives", "/api/v2/logs/config/archives", "data", [
      { type: "archives", id: "arch-null", attributes: { name: null, query: null, destination: null } },
      { type: "archives", id: "arch-no-attributes" },
    ]);
    expect(okData(run.parts, "log_archives").archives).toEqual([
      { id: "arch-null", name: "(unnamed archive)", query: null, state: "UNKNOWN", destination_type: null },
      { id: "arch-no-attributes", name: "(unnamed archive)", query: null, state: "UNKNOWN", destination_type: null },
    ]);
  });
});

describe("log indexes", () => {
  it("reads a missing filter and retention counts as none", async () => {
    const run = await collectList("log_indexes", "/api/v1/logs/config/indexes", "indexes", [
      { name: "bare", filter: {}, exclusion_filters: [] },
      { name: "null-filter", filter: null },
      {
        name: "kept",
        filter: { query: "source:nginx" },
        num_retention_days: 30,
        num_flex_logs_retention_days: 90,
      },
    ]);
    expect(okData(run.parts, "log_indexes").indexes).toEqual([
      { name: "bare", filter: null, retention_days: null, flex_retention_days: null },
      { name: "null-filter", filter: null, retention_days: null, flex_retention_days: null },
      { name: "kept", filter: "source:nginx", retention_days: 30, flex_retention_days: 90 },
    ]);
  });
});

describe("dashboards", () => {
  const PATH = "/api/v1/dashboard";

  it("keeps a dashboard without an id under its place in the listing, flagged, and fills a missing title and url", async () => {
    const run = await collectList("dashboards", PATH, "dashboards", [
      { id: "abc-def-ghi", title: "Security overview", url: "/dashboard/abc-def-ghi/security" },
      { title: "Untracked board" },
      {},
      { id: "aaa-bbb-ccc" },
    ]);
    expect(okData(run.parts, "dashboards").dashboards).toEqual([
      { id: "", title: "Untracked board", url: null },
      { id: "", title: "", url: null },
      { id: "aaa-bbb-ccc", title: "", url: null },
      { id: "abc-def-ghi", title: "Security overview", url: "/dashboard/abc-def-ghi/security" },
    ]);
    expect(run.parts.dashboards.warnings).toEqual([
      'dashboard #1 ("Untracked board") has no id; kept without one',
      'dashboard #2 ("") has no id; kept without one',
    ]);
  });

  it("asks the next 100 after a full page, and numbers a dashboard without an id by its offset across pages", async () => {
    const fullPage = Array.from({ length: 100 }, (_, index) => ({
      id: `d-${String(index).padStart(3, "0")}`,
      title: `board ${index}`,
    }));
    const run = await collectRecorded({
      routes: [
        wireRoute("GET", PATH, [
          { body: { dashboards: fullPage } },
          { body: { dashboards: [{ title: "late board" }, { id: "d-100", title: "board 100" }] } },
        ]),
      ],
      only: ["dashboards"],
      period: PERIOD,
      now: NOW,
    });
    await run.dispose();
    expect(run.requests.map((request) => request.query)).toEqual([
      { start: "0", count: "100" },
      { start: "100", count: "100" },
    ]);
    const { dashboards } = okData(run.parts, "dashboards");
    expect(dashboards).toHaveLength(102);
    expect(dashboards[0]).toEqual({ id: "", title: "late board", url: null });
    expect(dashboards.at(-1)).toEqual({ id: "d-100", title: "board 100", url: null });
    expect(run.parts.dashboards.warnings).toEqual(['dashboard #100 ("late board") has no id; kept without one']);
  });
});

describe("signal notification rules", () => {
  const PATH = "/api/v2/security/signals/notification_rules";

  it("reads missing selectors as none, an unknown trigger source as sent, trims the scope query, and sorts by id", async () => {
    const run = await collectList("notification_rules", PATH, "data", [
      {
        id: "zz-scoped",
        type: "notification_rules",
        attributes: {
          ...requiredOfNotificationRule("Prod criticals", true),
          selectors: {
            severities: ["critical", "high"],
            rule_types: ["log_detection"],
            query: "  env:prod  ",
            trigger_source: "security_signals",
          },
        },
      },
      {
        id: "aa-bare",
        type: "notification_rules",
        attributes: { ...requiredOfNotificationRule("bare", false), selectors: { trigger_source: "security_posture" } },
      },
    ]);
    expect(okData(run.parts, "notification_rules").notification_rules).toEqual([
      {
        id: "aa-bare",
        name: "bare",
        enabled: false,
        severities: [],
        rule_types: [],
        trigger_source: "security_posture",
        query: "",
        targets: ["@email@email.com"],
      },
      {
        id: "zz-scoped",
        name: "Prod criticals",
        enabled: true,
        severities: ["critical", "high"],
        rule_types: ["log_detection"],
        trigger_source: "security_signals",
        query: "env:prod",
        targets: ["@email@email.com"],
      },
    ]);
    expect(run.parts.notification_rules.warnings).toEqual([]);
  });
});

describe("signal notification rules sent with null fields", () => {
  it("reads null attributes, or a null name, state, selectors and targets, as their defaults", async () => {
    const run = await collectList("notification_rules", "/api/v2/security/signals/notification_rules", "data", [
      { id: "nr-null-attributes", type: "notification_rules", attributes: null },
      {
        id: "nr-null-fields",
        type: "notification_rules",
        attributes: {
          ...requiredOfNotificationRule("", true),
          name: null,
          enabled: null,
          selectors: null,
          targets: null,
        },
      },
    ]);
    const bare = {
      name: "(unnamed notification rule)",
      enabled: false,
      severities: [],
      rule_types: [],
      trigger_source: null,
      query: "",
      targets: [],
    };
    expect(okData(run.parts, "notification_rules").notification_rules).toEqual([
      { id: "nr-null-attributes", ...bare },
      { id: "nr-null-fields", ...bare },
    ]);
  });
});
