import { describe, expect, it } from "vitest";
import { readSignal } from "../../src/collectors/signals/read-signal.js";
import { RoutingMeter } from "../../src/collectors/signals/routing.js";
import type { NotificationRule } from "../../src/snapshot/schema.js";

/** A signal as Datadog sends it (shape of a recorded signals search), trimmed to what routing reads. */
function wireSignal(id: string, status: string, env: string, ruleType: string) {
  return {
    id,
    type: "signal",
    attributes: {
      status,
      timestamp: "2026-09-10T12:00:00.123Z",
      tags: [`env:${env}`, "source:runtime-security-agent", "technique:t1556-modify-authentication-process"],
      host: "i-0439f25d8385802b8",
      attributes: {
        usr: { id: "root" },
        workflow: {
          rule: { type: ruleType, id: "xgh-dfy-ywf", name: "PAM Configuration Files Modification" },
          triage: { state: "open" },
        },
      },
    },
  };
}

/** The recorded notification rules: critical signal_correlation signals of env:test only. */
const envTest: NotificationRule = {
  id: "yja-vtn-jr9",
  name: "recorded",
  enabled: true,
  severities: ["critical"],
  rule_types: ["signal_correlation"],
  trigger_source: "security_signals",
  query: "env:test",
  targets: ["@email@email.com"],
};

function measure(rules: NotificationRule[], signals: ReturnType<typeof wireSignal>[]) {
  const meter = new RoutingMeter(rules);
  for (const signal of signals) meter.add(readSignal(signal)!);
  return meter.result();
}

describe("RoutingMeter", () => {
  it("reads the rule type as signals spell it ('Workload Security') in the rule types' own spelling", () => {
    expect(readSignal(wireSignal("a", "high", "prod", "Workload Security"))!.rule_type).toBe("workload_security");
  });

  it("routes only the signals a scoped rule's selectors match", () => {
    const result = measure(
      [envTest],
      [
        wireSignal("a", "critical", "prod", "Signal Correlation"),
        wireSignal("b", "critical", "test", "Signal Correlation"),
        wireSignal("c", "critical", "test", "Log Detection"),
        wireSignal("d", "high", "test", "Signal Correlation"),
      ],
    );
    expect(result.by_severity).toEqual({ critical: { total: 3, routed: 1 }, high: { total: 1, routed: 0 } });
    expect(result.rules).toEqual([{ id: "yja-vtn-jr9", matched_by_severity: { critical: 1 } }]);
  });

  it("matches @ attributes and reserved attributes; a disabled rule, one without targets, or for findings routes nothing", () => {
    const signals = [wireSignal("a", "high", "prod", "Workload Security")];
    const scoped = { ...envTest, severities: ["high"], rule_types: [], query: "@usr.id:root host:i-0439*" };
    expect(measure([scoped], signals).by_severity.high).toEqual({ total: 1, routed: 1 });
    expect(measure([{ ...scoped, enabled: false }], signals).by_severity.high!.routed).toBe(0);
    expect(measure([{ ...scoped, targets: [] }], signals).by_severity.high!.routed).toBe(0);
    expect(measure([{ ...scoped, trigger_source: "security_findings" }], signals).by_severity.high!.routed).toBe(0);
    expect(measure([{ ...scoped, query: "@team:sec" }], signals).by_severity.high!.routed).toBe(0);
  });

  it("names a rule whose query does not parse and counts it as routing nothing", () => {
    const result = measure(
      [{ ...envTest, severities: ["high"], rule_types: [], query: "env:(test" }],
      [wireSignal("a", "high", "test", "Log Detection")],
    );
    expect(result.unparsable_rules).toEqual(["yja-vtn-jr9"]);
    expect(result.by_severity.high!.routed).toBe(0);
  });
});
