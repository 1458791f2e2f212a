/** The fault spec grammar, and each fault kind as a client sees it on the wire. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseFaultSpec, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { getJson, KEYS, NOW, postJson, SIGNALS_PATH } from "./http.js";

describe("parseFaultSpec", () => {
  it.each([
    ["", []],
    ["rules:status=500", [{ endpoint: "rules", kind: "status", value: 500 }]],
    ["signals:status=429@3", [{ endpoint: "signals", kind: "status", value: 429, times: 3 }]],
    [
      " hosts:latency=5000 , log_indexes:cut ",
      [
        { endpoint: "hosts", kind: "latency", value: 5000 },
        { endpoint: "log_indexes", kind: "cut" },
      ],
    ],
    [
      "suppressions:malformed,rules:unknown-enum",
      [
        { endpoint: "suppressions", kind: "malformed" },
        { endpoint: "rules", kind: "unknown-enum" },
      ],
    ],
    ["csm_agents:missing-field@1", [{ endpoint: "csm_agents", kind: "missing-field", times: 1 }]],
    ["signals:fail-after=2", [{ endpoint: "signals", kind: "fail-after", value: 2 }]],
    ["*:status=503@1", [{ endpoint: "*", kind: "status", value: 503, times: 1 }]],
    ["*:unknown-enum", [{ endpoint: "*", kind: "unknown-enum" }]],
    [
      "rules:redirect=0@1,hosts:redirect=8080",
      [
        { endpoint: "rules", kind: "redirect", value: 0, times: 1 },
        { endpoint: "hosts", kind: "redirect", value: 8080 },
      ],
    ],
    ["rules:pad=1048576", [{ endpoint: "rules", kind: "pad", value: 1048576 }]],
    [
      "rules:endless,hosts:gzip-bomb,signals:drip=2000",
      [
        { endpoint: "rules", kind: "endless" },
        { endpoint: "hosts", kind: "gzip-bomb" },
        { endpoint: "signals", kind: "drip", value: 2000 },
      ],
    ],
  ])("parses %j", (spec, rules) => {
    expect(parseFaultSpec(spec)).toEqual(rules);
  });

  it.each([
    ["rule:status=500", 'fault spec rule 1 "rule:status=500": unknown endpoint "rule"'],
    ["rules:explode", 'fault spec rule 1 "rules:explode": unknown fault "explode"'],
    ["rules:status=200", "status must be between 400 and 599, got 200"],
    ["rules:status", "status needs a value (status=N)"],
    ["rules:cut=3", "cut takes no value"],
    ["rules:latency=-5", "latency must be between 0 and 600000 ms, got -5"],
    ["signals:fail-after=2@1", "fail-after takes no @N"],
    ["rules:redirect=70000", "redirect must be a port from 0 (this server) to 65535, got 70000"],
    ["rules:pad=-1", "pad must be between 0 and 4294967296 bytes, got -1"],
    ["rules:drip=0", "drip must be between 1 and 600000 ms, got 0"],
    ["rules:endless=5", "endless takes no value"],
    ["rules:drip", "drip needs a value (drip=N)"],
    ["rules:status=500@0", "@N must be a whole number of at least 1"],
    ["hosts:unknown-enum", "hosts has no field for unknown-enum (it works on: rules,"],
    ["metrics_submit:missing-field", "metrics_submit has no field for missing-field"],
    ["rules:status=500,,signals", 'fault spec rule 2 "signals": expected <endpoint|*>:<fault>[=value][@N]'],
  ])("rejects %j", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe("faults on the wire", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2, now: NOW });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.setFaults("");
  });

  const RULES = "/api/v2/security_monitoring/rules?page[size]=5";

  it("status@N answers the status N times, then recovers; an injected 429 resets in a second", async () => {
    sim.setFaults("rules:status=429@2");
    const first = await getJson(sim, RULES);
    expect(first).toMatchObject({ status: 429, json: { errors: ["Too many requests"] } });
    expect([first.headers.get("x-ratelimit-remaining"), first.headers.get("x-ratelimit-reset")]).toEqual(["0", "1"]);
    expect((await getJson(sim, RULES)).status).toBe(429);
    expect((await getJson(sim, RULES)).status).toBe(200);
  });

  it("status without @N fails every request, with Datadog's error body", async () => {
    sim.setFaults("hosts:status=500");
    for (let i = 0; i < 3; i++)
      expect(await getJson(sim, "/api/v1/hosts")).toMatchObject({
        status: 500,
        json: { errors: ["Internal Server Error"] },
      });
  });

  it("latency delays the answer", async () => {
    sim.setFaults("log_archives:latency=300");
    const start = Date.now();
    expect((await getJson(sim, "/api/v2/logs/config/archives")).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it("cut promises a body and drops the connection halfway", async () => {
    sim.setFaults("log_indexes:cut@1");
    const response = await fetch(`${sim.url}/api/v1/logs/config/indexes`, { headers: KEYS });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await getJson(sim, "/api/v1/logs/config/indexes")).status).toBe(200);
  });

  it("malformed sends half a JSON body", async () => {
    sim.setFaults("suppressions:malformed");
    const response = await fetch(`${sim.url}/api/v2/security_monitoring/configuration/suppressions`, { headers: KEYS });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("unknown-enum breaks one enum of the first item of each page only", async () => {
    sim.setFaults("rules:unknown-enum");
    const { json } = await getJson<{ data: Array<{ cases: Array<{ status: string }> }> }>(sim, RULES);
    expect(json.data[0]?.cases[0]?.status).toBe("severe");
    expect(
      json.data
        .slice(1)
        .every((rule) => rule.cases.every((c) => ["info", "low", "medium", "high", "critical"].includes(c.status))),
    ).toBe(true);
  });

  it("missing-field drops the field readers rely on from the first item", async () => {
    sim.setFaults("csm_agents:missing-field,rules:missing-field");
    const agents = await getJson<{ data: Array<{ attributes: Record<string, unknown> }> }>(
      sim,
      "/api/v2/csm/onboarding/agents?size=3",
    );
    expect(agents.json.data.map((a) => "hostname" in a.attributes)).toEqual([false, true, true]);
    const rules = await getJson<{ data: Array<Record<string, unknown>> }>(sim, RULES);
    expect(rules.json.data.map((r) => "isEnabled" in r)).toEqual([false, true, true, true, true]);
  });

  it("fail-after lets a cursor start, then fails it", async () => {
    sim.setFaults("signals:fail-after=2");
    const body = {
      filter: { from: "2026-09-01T00:00:00Z", to: "2026-09-20T00:00:00Z" },
      page: { limit: 20 },
      sort: "timestamp",
    };
    const first = await postJson<{ meta: { page: { after: string } } }>(sim, SIGNALS_PATH, body);
    const second = await postJson(sim, SIGNALS_PATH, {
      ...body,
      page: { limit: 20, cursor: first.json.meta.page.after },
    });
    const third = await postJson(sim, SIGNALS_PATH, body);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 500]);
  });

  it("* targets every endpoint, each counted on its own", async () => {
    sim.setFaults("*:status=503@1");
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(503);
    expect((await getJson(sim, "/api/v1/hosts")).status).toBe(503);
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(200);
    expect((await getJson(sim, "/api/v1/hosts")).status).toBe(200);
  });

  it("setFaults restarts the counts, and keeps the rules in force when the new spec is bad", async () => {
    sim.setFaults("dashboards:status=500@1");
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(500);
    sim.setFaults([{ endpoint: "dashboards", kind: "status", value: 502, times: 1 }]);
    expect(() => sim.setFaults("dashboards:boom")).toThrow('unknown fault "boom"');
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(502);
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(200);
  });

  it("faults given at start apply from the first request", async () => {
    const faulty = await startSimulator({ seed: 2, now: NOW, faults: "rules:status=500@1" });
    try {
      expect((await getJson(faulty, RULES)).status).toBe(500);
      expect((await getJson(faulty, RULES)).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
