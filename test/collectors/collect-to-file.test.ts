/**
 * One collection written to its file: the snapshot on disk is the one
 * returned, the org's name and the retry policy reach the run, a path that
 * cannot hold the snapshot fails before anything is asked, and a snapshot
 * that cannot be written fails naming the file. Real collectors through the
 * official client, against written wire bodies served on 127.0.0.1.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectToFile } from "../../src/collectors/collect-to-file.js";
import type { CollectEvent } from "../../src/collectors/run.js";
import type { CollectorId } from "../../src/snapshot/schema.js";
import { utcPeriod } from "../helpers/collect-recorded.js";
import { testPolicy } from "../helpers/local-server.js";
import { type ReplayRoute, startReplayServer } from "../helpers/replay-server.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");
const INDEXES_PATH = "/api/v1/logs/config/indexes";
const INDEXES = wireRoute("GET", INDEXES_PATH, [{ body: { indexes: [{ name: "main", filter: { query: "" } }] } }]);

async function collectTo(out: string, routes: ReplayRoute[], extra: { orgName?: string; only?: CollectorId[] } = {}) {
  const server = await startReplayServer(routes);
  const events: CollectEvent[] = [];
  try {
    const result = await collectToFile({
      target: { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: server.url },
      period: PERIOD,
      out,
      policy: testPolicy(),
      only: extra.only ?? ["log_indexes"],
      now: NOW,
      onEvent: (event) => events.push(event),
      ...(extra.orgName === undefined ? {} : { orgName: extra.orgName }),
    }).then(
      (snapshot) => ({ snapshot, error: null }),
      (error: unknown) => ({ snapshot: null, error: error as Error }),
    );
    return { ...result, events, requests: server.requests, url: server.url };
  } finally {
    await server.close();
  }
}

describe("collectToFile", () => {
  it("writes the snapshot it returns to the file, with the org's name, and runs only the collectors asked", async () => {
    const dir = scratchDir("collect-to-file");
    const out = join(dir, "snapshot.json");
    const { snapshot, error, events, url } = await collectTo(out, [INDEXES], { orgName: "Acme" });
    expect(error).toBeNull();
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(snapshot);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(snapshot?.org).toEqual({ site: "datadoghq.com", api_url: url, name: "Acme" });
    expect(snapshot?.collected_at).toBe("2026-08-21T12:00:00.000Z");
    expect(snapshot?.collectors.log_indexes).toMatchObject({
      status: "ok",
      data: { indexes: [{ name: "main" }] },
    });
    expect(snapshot?.collectors.agents).toMatchObject({ status: "error", error: "not collected in this run" });
    expect(events.map((event) => event.type)).toEqual(["start", "progress", "done"]);
    expect(readdirSync(dir)).toEqual(["snapshot.json"]);
  });

  it("records no org name when none is given", async () => {
    const out = join(scratchDir("collect-to-file"), "snapshot.json");
    const { snapshot } = await collectTo(out, [INDEXES]);
    expect(snapshot?.org.name).toBeNull();
  });

  it("writes the signal population beside the snapshot", async () => {
    const dir = scratchDir("collect-to-file");
    const out = join(dir, "snapshot.json");
    const signals = wireRoute("POST", "/api/v2/security_monitoring/signals/search", [{ body: { data: [] } }]);
    const notificationRules = wireRoute("GET", "/api/v2/security/signals/notification_rules", [{ body: { data: [] } }]);
    const { snapshot } = await collectTo(out, [signals, notificationRules], { only: ["signals"] });
    expect(snapshot?.collectors.signals).toMatchObject({ status: "ok", data: { population_file: "signals.jsonl" } });
    expect(readdirSync(dir).sort()).toEqual(["signals.jsonl", "snapshot.json"]);
  });

  it("uses the retry policy it is given: one request, no retry, for a server error", async () => {
    const out = join(scratchDir("collect-to-file"), "snapshot.json");
    const failing: ReplayRoute = {
      method: "GET",
      path: INDEXES_PATH,
      responses: [
        { status: 500, contentType: "application/json", text: "{}", cursor: null, itemTimes: [], window: null },
      ],
    };
    const { snapshot, requests } = await collectTo(out, [failing]);
    expect(requests).toHaveLength(1);
    expect(snapshot?.collectors.log_indexes).toMatchObject({ status: "error", requests: 1, retries: 0 });
  });

  it("fails before asking anything when the snapshot's folder cannot exist", async () => {
    const dir = scratchDir("collect-to-file", { "plain-file": "not a folder\n" });
    const out = join(dir, "plain-file", "snapshot.json");
    const { error, requests, events } = await collectTo(out, [INDEXES]);
    expect(error?.message).toBe(`${out}: cannot write the snapshot there: ${join(dir, "plain-file")} is not a folder`);
    expect(requests).toEqual([]);
    expect(events).toEqual([]);
  });

  it("fails naming the file when the snapshot cannot be written, and leaves nothing under its name", async () => {
    const dir = scratchDir("collect-to-file");
    const out = join(dir, "taken");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "kept\n");
    const { error, requests } = await collectTo(out, [INDEXES]);
    expect(requests).toHaveLength(1);
    expect(error?.message).toMatch(
      new RegExp(
        `^${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the snapshot could not be written \\(.+\\); no half-written snapshot was left there$`,
      ),
    );
    expect((error?.cause as NodeJS.ErrnoException | undefined)?.code).toBeDefined();
    expect(statSync(out).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});
