/**
 * Reading a list item by item with the client's own serializer, as the rules
 * collector does when the client rejects a whole answer: each item read on
 * its own, an item the serializer throws on kept raw with the reason, and the
 * serializer of the API version asked for. The official client, no server.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { salvageItems } from "../../src/collectors/salvage.js";
import { type DatadogModule, loadDatadogModule } from "../../src/datadog/session.js";

let dd: DatadogModule;
beforeAll(async () => {
  dd = await loadDatadogModule();
});

describe("salvaging a list item by item", () => {
  it("reads each item with the model asked for, and keeps one the serializer rejects raw, with its reason", () => {
    const good = { id: "aaa-111", name: "Threshold", isEnabled: true, cases: [{ status: "high" }] };
    const bad = { id: "bbb-222", cases: "high" };
    const items = salvageItems(dd, "v2", { data: [good, bad] }, "data", "SecurityMonitoringStandardRuleResponse");
    expect(items).toHaveLength(2);
    const [first, second] = items;
    expect(first?.ok).toBe(true);
    expect(first?.raw).toBe(good);
    const value = first?.ok ? first.value : null;
    expect(value).toBeInstanceOf(dd.v2.SecurityMonitoringStandardRuleResponse);
    expect(JSON.parse(JSON.stringify(value))).toEqual({
      id: "aaa-111",
      name: "Threshold",
      isEnabled: true,
      cases: [{ status: "high" }],
    });
    expect(second).toEqual({
      ok: false,
      raw: bad,
      error: "mismatch types 'high' and 'Array<SecurityMonitoringRuleCase>'",
    });
  });

  it("uses the serializer of the API version named: a v1 model is unknown to v2", () => {
    const host = { name: "web-1", up: true };
    const [v1] = salvageItems(dd, "v1", { host_list: [host] }, "host_list", "Host");
    expect(v1?.ok ? v1.value : null).toBeInstanceOf(dd.v1.Host);
    expect(salvageItems(dd, "v2", { host_list: [host] }, "host_list", "Host")).toEqual([
      { ok: false, raw: host, error: "unknown type 'Host'" },
    ]);
  });

  it("salvages nothing from a body without a list under the key", () => {
    expect(salvageItems(dd, "v2", { data: { id: "a" } }, "data", "SecurityMonitoringStandardRuleResponse")).toEqual([]);
    expect(salvageItems(dd, "v2", null, "data", "SecurityMonitoringStandardRuleResponse")).toEqual([]);
  });
});
