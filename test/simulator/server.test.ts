/** The HTTP side: 127.0.0.1 only, keys required (never kept), the request log, submissions, bad input. */
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { getJson, KEYS, NOW, postJson } from "./http.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 9, now: NOW });
});
afterAll(async () => {
  await sim.close();
});

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the simulator's server", () => {
  it("listens on 127.0.0.1 only", async () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(await connects("127.0.0.1", sim.port)).toBe(true);
    // Another loopback address reaches a server bound to all interfaces, not one bound to 127.0.0.1.
    expect(await connects("127.0.0.2", sim.port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (external) expect(await connects(external.address, sim.port)).toBe(false);
  });

  it("requires DD-API-KEY and DD-APPLICATION-KEY on reads", async () => {
    expect(await getJson(sim, "/api/v1/hosts", {})).toEqual(
      expect.objectContaining({ status: 403, json: { errors: ["Forbidden"] } }),
    );
    expect((await getJson(sim, "/api/v1/hosts", { "DD-API-KEY": KEYS["DD-API-KEY"] })).status).toBe(403);
    expect((await getJson(sim, "/api/v1/hosts", { "DD-APPLICATION-KEY": KEYS["DD-APPLICATION-KEY"] })).status).toBe(
      403,
    );
    expect((await getJson(sim, "/api/v1/hosts", { "DD-API-KEY": " ", "DD-APPLICATION-KEY": "x" })).status).toBe(403);
    expect((await getJson(sim, "/api/v1/hosts")).status).toBe(200);
  });

  it("needs only the API key on submissions", async () => {
    const apiKeyOnly = { "DD-API-KEY": KEYS["DD-API-KEY"] };
    expect((await postJson(sim, "/api/v1/events", { title: "t", text: "x" }, apiKeyOnly)).status).toBe(202);
    expect((await postJson(sim, "/api/v1/events", { title: "t", text: "x" }, {})).status).toBe(403);
  });

  it("logs every request without keeping key values", async () => {
    const before = sim.requests.length;
    await getJson(sim, "/api/v2/csm/onboarding/agents?page=0&size=2");
    await getJson(sim, "/api/v2/csm/onboarding/agents", {});
    await getJson(sim, "/api/v9/nothing");
    expect(sim.requests.slice(before)).toEqual([
      {
        endpoint: "csm_agents",
        method: "GET",
        path: "/api/v2/csm/onboarding/agents?page=0&size=2",
        status: 200,
        apiKeyPresent: true,
      },
      {
        endpoint: "csm_agents",
        method: "GET",
        path: "/api/v2/csm/onboarding/agents",
        status: 403,
        apiKeyPresent: false,
      },
      { endpoint: null, method: "GET", path: "/api/v9/nothing", status: 404, apiKeyPresent: true },
    ]);
    const log = JSON.stringify(sim.requests);
    expect(log).not.toContain(KEYS["DD-API-KEY"]);
    expect(log).not.toContain(KEYS["DD-APPLICATION-KEY"]);
  });

  it("records submitted events, answering with the event", async () => {
    const before = sim.received.events.length;
    const { status, json } = await postJson<{ status: string; event: { id: number; id_str: string; title: string } }>(
      sim,
      "/api/v1/events",
      {
        title: "ddproof: 2 new gaps",
        text: "PCI 10.2.1 failing",
        tags: ["ddproof"],
      },
    );
    expect(status).toBe(202);
    expect(json.status).toBe("ok");
    expect(json.event.title).toBe("ddproof: 2 new gaps");
    expect(json.event.id_str).toBe(String(json.event.id));
    expect(sim.received.events.slice(before)).toEqual([
      { title: "ddproof: 2 new gaps", text: "PCI 10.2.1 failing", tags: ["ddproof"] },
    ]);
  });

  it("records metric payloads, inflating gzip and deflate bodies", async () => {
    const before = sim.received.series.length;
    const payload = (value: number) => ({
      series: [{ metric: "ddproof.gaps", type: 3, points: [{ timestamp: 1_794_744_000, value }] }],
    });
    for (const [encoding, encode] of [
      ["gzip", gzipSync],
      ["deflate", deflateSync],
      ["identity", (b: Buffer) => b],
    ] as const) {
      const response = await fetch(`${sim.url}/api/v2/series`, {
        method: "POST",
        headers: { "DD-API-KEY": "k", "Content-Type": "application/json", "Content-Encoding": encoding },
        body: new Uint8Array(encode(Buffer.from(JSON.stringify(payload(encoding.length))))),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ errors: [] });
    }
    expect(sim.received.series.slice(before)).toEqual([payload(4), payload(7), payload(8)]);
  });

  it("refuses bodies it cannot read with 400 and a reason", async () => {
    const send = (body: string, encoding = "identity") =>
      fetch(`${sim.url}/api/v2/series`, {
        method: "POST",
        headers: { "DD-API-KEY": "k", "Content-Encoding": encoding },
        body,
      }).then(async (r) => [r.status, await r.json()]);
    expect(await send("{not json")).toEqual([400, { errors: ["body is not valid JSON"] }]);
    expect(await send("{}", "br")).toEqual([
      400,
      { errors: ['Content-Encoding "br" is not supported (gzip, deflate or none)'] },
    ]);
    expect(await send('{"series":1}')).toEqual([400, { errors: ["series: expected a list of metric series"] }]);
    expect(
      (await postJson(sim, "/api/v2/security_monitoring/signals/search", { filter: { query: "status:(high" } })).status,
    ).toBe(400);
  });

  it("adds the configured latency to every response, and close() does not wait for it", async () => {
    const slow = await startSimulator({ seed: 9, now: NOW, latencyMs: 250 });
    const start = Date.now();
    expect((await getJson(slow, "/api/v1/logs/config/indexes")).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(240);
    const pending = fetch(`${slow.url}/api/v1/logs/config/indexes`, { headers: KEYS }).catch(() => "dropped");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await slow.close();
    await slow.close();
    expect(await pending).toBe("dropped");
  });

  it("refuses bad options before listening", async () => {
    await expect(startSimulator({ scale: "huge" as "small" })).rejects.toThrow("scale: expected small or large");
    await expect(startSimulator({ port: 70000 })).rejects.toThrow("port: expected 0–65535");
    await expect(startSimulator({ faults: "nope" })).rejects.toThrow('fault spec rule 1 "nope"');
  });
});
