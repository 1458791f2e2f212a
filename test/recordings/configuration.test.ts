/**
 * Suppressions, Workload Protection agent rules, notification rules and
 * dashboards, collected from real recorded responses; each snapshot field
 * checked against the wire.
 */
import { describe, expect, it } from "vitest";
import { assessRecorded, isoMs, okData, useRecordedCollection, utcPeriod } from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { composedListRoute, recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");
const SUPPRESSIONS_PATH = "/api/v2/security_monitoring/configuration/suppressions";

function attributes(item: Wire): Wire {
  return item.attributes as Wire;
}

function expectedSuppression(item: Wire) {
  const a = attributes(item);
  return {
    id: item.id,
    name: a.name,
    enabled: a.enabled === true,
    description: typeof a.description === "string" && a.description.trim() !== "" ? a.description : null,
    rule_query: a.rule_query ?? "",
    suppression_query: a.suppression_query ?? null,
    data_exclusion_query: a.data_exclusion_query ?? null,
    starts_at: typeof a.start_date === "number" ? isoMs(a.start_date) : null,
    expires_at: typeof a.expiration_date === "number" ? isoMs(a.expiration_date) : null,
    updated_at: typeof a.update_date === "number" ? isoMs(a.update_date) : null,
  };
}

describe("suppressions", () => {
  const list = loadRecording("suppressions", "list-sorted");
  const dated = loadRecording("suppressions", "start-date");
  const recordedList = useRecordedCollection(() => ({
    routes: [recordedRoute(list)],
    only: ["suppressions"],
    period: PERIOD,
    now: NOW,
  }));
  // Read back by id only; the list wrapper is composed around the version that has a start_date.
  const withStartDate = useRecordedCollection(() => ({
    routes: [composedListRoute("GET", SUPPRESSIONS_PATH, "data", [dated.exchanges[1]!], (body) => (body as Wire).data)],
    only: ["suppressions"],
    period: PERIOD,
    now: NOW,
  }));
  const beforeStartDate = useRecordedCollection(() => ({
    routes: [composedListRoute("GET", SUPPRESSIONS_PATH, "data", [dated.exchanges[0]!], (body) => (body as Wire).data)],
    only: ["suppressions"],
    period: PERIOD,
    now: NOW,
  }));

  it("reads the recorded list, page 0 of 100, each field as the wire says", () => {
    expect(recordedList().parts.suppressions.status).toBe("ok");
    expect(recordedList().requests.map((request) => [request.path, request.query])).toEqual([
      [SUPPRESSIONS_PATH, { "page[size]": "100", "page[number]": "0" }],
    ]);
    const { suppressions } = okData(recordedList().parts, "suppressions");
    const wire = recordedItems<Wire>(list, "data");
    expect(suppressions).toEqual(
      wire.map(expectedSuppression).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    expect(suppressions.find((suppression) => suppression.id === "x91-nfr-3ws")).toEqual({
      id: "x91-nfr-3ws",
      name: "suppression 9acb44c7d1cc0bd2",
      enabled: true,
      description: "Test-Get_all_suppression_rules_returns_OK_response_with_sort_ascending-1769009706",
      rule_query: "source:cloudtrail",
      suppression_query: "env:test",
      data_exclusion_query: "",
      starts_at: null,
      expires_at: null,
      updated_at: "2026-01-21T15:35:06.525Z",
    });
  });

  it("reads a suppression that carries a start_date, keeping every field the snapshot has", () => {
    expect(withStartDate().parts.suppressions.status).toBe("ok");
    const wire = (bodyOf(dated.exchanges[1]!.response) as Wire).data as Wire;
    expect(attributes(wire).start_date).toBe(4072766400000);
    const { suppressions } = okData(withStartDate().parts, "suppressions");
    expect(suppressions).toEqual([expectedSuppression(wire)]);
    expect(suppressions[0]!.updated_at).toBe("2025-11-14T12:30:33.517Z");
  });

  it("keeps kmq-fjd-xkn's start_date of 2099 and does not count it in force (README defect 5)", () => {
    const { suppressions } = okData(withStartDate().parts, "suppressions");
    expect(
      suppressions.map(({ id, enabled, starts_at, expires_at }) => ({ id, enabled, starts_at, expires_at })),
    ).toEqual([{ id: "kmq-fjd-xkn", enabled: true, starts_at: "2099-01-22T12:00:00.000Z", expires_at: null }]);
    // Enabled and never expiring, but scheduled: named, not judged.
    const result = assessRecorded("suppression_hygiene", withStartDate().snapshot);
    expect(result).toMatchObject({ status: "pass", messageId: "noSuppressions", data: { active: 0, scheduled: 1 } });
    expect(result.data.scheduled_note).toBe(
      " (1 scheduled to start later, not yet in force: tf-TestAccSecurityMonitoringSuppression_CreateThenAddAndRemoveStartDate-local-1763123431)",
    );
  });

  it("counts the same suppression in force before the start_date was added (exchange 0)", () => {
    expect(beforeStartDate().parts.suppressions.status).toBe("ok");
    const wire = (bodyOf(dated.exchanges[0]!.response) as Wire).data as Wire;
    expect(attributes(wire).start_date).toBeUndefined();
    expect(okData(beforeStartDate().parts, "suppressions").suppressions).toEqual([expectedSuppression(wire)]);
    // In force, described, no expiry: the default requires one.
    expect(assessRecorded("suppression_hygiene", beforeStartDate().snapshot)).toMatchObject({
      status: "fail",
      messageId: "noneTidy",
      data: { active: 1, scheduled: 0, no_expiry: 1 },
    });
  });
});

describe("suppressions of a busy org (Terraform provider recording)", () => {
  const recording = loadRecording("suppressions", "list-many");
  const wire = recordedItems<Wire>(recording, "data");
  const distinct = [...new Map(wire.map((item) => [item.id as string, item])).values()];
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["suppressions"],
    period: PERIOD,
    now: NOW,
  }));

  it("keeps each suppression once though the API repeated it, each field as the wire says", () => {
    expect(run().parts.suppressions.status).toBe("ok");
    expect(wire.length).toBeGreaterThan(distinct.length);
    const { suppressions } = okData(run().parts, "suppressions");
    expect(suppressions).toHaveLength(24);
    expect(suppressions).toEqual(
      distinct.map(expectedSuppression).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
  });

  it("converts each expiration_date (epoch ms), a 2099 one included, and reads an empty description as none", () => {
    const { suppressions } = okData(run().parts, "suppressions");
    const expiring = distinct.filter((item) => typeof attributes(item).expiration_date === "number");
    expect(expiring).toHaveLength(6);
    for (const item of expiring) {
      expect(Date.parse(suppressions.find((suppression) => suppression.id === item.id)!.expires_at!)).toBe(
        attributes(item).expiration_date,
      );
    }
    expect(suppressions.find((suppression) => suppression.id === "z0q-zah-r2j")!.expires_at).toBe(
      "2099-01-22T14:30:00.000Z",
    );
    expect(suppressions.filter((suppression) => suppression.description === null)).toHaveLength(2);
    expect(suppressions.filter((suppression) => suppression.data_exclusion_query)).toHaveLength(9);
  });
});

describe("Workload Protection agent rules", () => {
  const recording = loadRecording("agent-rules", "list");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["agent_rules"],
    period: PERIOD,
    now: NOW,
  }));

  it("keeps every recorded agent rule with its product tags, each field as the wire says", () => {
    expect(run().parts.agent_rules.status).toBe("ok");
    const { agent_rules } = okData(run().parts, "agent_rules");
    const wire = recordedItems<Wire>(recording, "data");
    const expected = wire
      .map((item) => {
        const a = attributes(item);
        return {
          id: item.id,
          name: a.name,
          enabled: a.enabled === true,
          expression: a.expression ?? null,
          product_tags: a.product_tags ?? [],
          description: a.description ?? null,
        };
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(agent_rules).toEqual(expected);
    expect(agent_rules.find((rule) => rule.id === "56y-vsb-zqu")?.product_tags).toEqual([
      "tactic:TA0003-persistence",
      "technique:T1547-boot-or-logon-autostart-execution",
      "policy:compliance",
    ]);
    expect(agent_rules.find((rule) => rule.name === "imds_v1_usage")?.enabled).toBe(false);
  });
});

describe("signal notification rules", () => {
  const recording = loadRecording("notification-rules", "list");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["notification_rules"],
    period: PERIOD,
    now: NOW,
  }));

  it("keeps both recorded rules with every selector (severities, rule types, trigger source, scope query) and targets (README defect 2)", () => {
    expect(run().parts.notification_rules.status).toBe("ok");
    const { notification_rules } = okData(run().parts, "notification_rules");
    const wire = recordedItems<Wire>(recording, "data");
    expect(notification_rules).toEqual(
      wire
        .map((item) => {
          const a = attributes(item);
          const selectors = a.selectors as Wire;
          return {
            id: item.id,
            name: a.name,
            enabled: a.enabled,
            severities: selectors.severities,
            rule_types: selectors.rule_types,
            trigger_source: selectors.trigger_source,
            query: selectors.query,
            targets: a.targets,
          };
        })
        .sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    for (const id of ["yc8-i7q-9be", "yja-vtn-jr9"]) {
      expect(notification_rules.find((rule) => rule.id === id)).toMatchObject({
        enabled: true,
        severities: ["critical"],
        rule_types: ["signal_correlation"],
        trigger_source: "security_signals",
        query: "env:test",
        targets: ["@email@email.com"],
      });
    }
  });
});

describe("dashboards", () => {
  const recording = loadRecording("dashboards", "list-paged");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["dashboards"],
    period: PERIOD,
    now: NOW,
  }));

  it("asks 100 from 0; the recorded page holds two, so paging stops there", () => {
    expect(run().parts.dashboards.status).toBe("ok");
    expect(run().requests.map((request) => [request.path, request.query])).toEqual([
      ["/api/v1/dashboard", { start: "0", count: "100" }],
    ]);
    const firstPage = (bodyOf(recording.exchanges[0]!.response) as { dashboards: Wire[] }).dashboards;
    const { dashboards } = okData(run().parts, "dashboards");
    expect(dashboards).toEqual(
      firstPage
        .map((item) => ({ id: item.id, title: item.title, url: item.url ?? null }))
        .sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    expect(dashboards).toEqual([
      { id: "5vp-fxm-s4j", title: "PCF Testing", url: "/dashboard/5vp-fxm-s4j/pcf-testing" },
      {
        id: "ubf-m9i-gms",
        title: "OpenStack Controller Overview",
        url: "/dashboard/ubf-m9i-gms/openstack-controller-overview",
      },
    ]);
  });
});
