/**
 * Each notification target, field by field, against servers on 127.0.0.1:
 * the Datadog event and gauges exactly as the simulator receives them (the
 * clipping of a long title and text, the timestamp, the tags), the Slack
 * post's body and headers and how each answer and failure is worded, and the
 * registry's order, filtering, retries and log lines.
 */

import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunEntry } from "../../src/schedule/history-index.js";
import type { NotifyContext, NotifyTarget, RunReport } from "../../src/schedule/notify/contract.js";
import { NOTIFY_TARGETS, sendNotifications } from "../../src/schedule/notify/index.js";
import { runMessage } from "../../src/schedule/notify/run-message.js";
import { slackTarget } from "../../src/schedule/notify/slack.js";
import type { NotifySettings } from "../../src/schedule/scheduled-job.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { closedPort } from "../helpers/closed-port.js";
import { listenLocally, stopServer } from "../helpers/local-server.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { gap } from "./failing-gap.js";
import { captureLog } from "./job-fixtures.js";

const RUN: RunEntry = {
  id: "2026-11-29T020000Z",
  status: "complete",
  trigger: "schedule",
  started_at: "2026-11-29T02:00:00.000Z",
  finished_at: "2026-11-29T02:00:09.750Z",
  period: { label: "last-24h", from: "2026-11-28T02:00:00Z", to: "2026-11-29T02:00:00Z", timezone: "UTC" },
  pack_dir: "2026-11-29T020000Z",
  missing_evidence: [],
  summary: {
    collected_at: "2026-11-29T02:00:00.500Z",
    frameworks: {
      "pci-dss-4.0.1": { pass: 4, partial: 1, fail: 2, unknown: 0, manual: 3, accepted: 0, not_applicable: 1 },
    },
    attack: { covered: 3, total: 12, gap_below: 3, by_score: [5, 2, 2, 1, 1, 1] },
    gaps: 9,
    new_gaps: 0,
    closed_gaps: 0,
    collect_seconds: 1.5,
    duration_seconds: 9,
  },
  error: null,
};
/** 2026-11-29T02:00:09.750Z in whole seconds: the fraction is dropped, not rounded. */
const FINISHED_S = 1_795_917_609;

function report(run: Partial<RunEntry> = {}, name = "nightly", changes: RunReport["changes"] = null): RunReport {
  return { job: { name, kind: "gap" }, run: { ...RUN, ...run }, changes, pack: `${name}/2026-11-29T020000Z` };
}

const NONE: NotifySettings = { datadogEvent: false, datadogMetrics: false, slackWebhook: null };

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

function datadogOptions(log = captureLog().log) {
  return {
    target: { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: sim.url },
    log,
    signal: new AbortController().signal,
  };
}

interface ReceivedSeries {
  series: Array<{ metric: string; type: number; points: Array<{ timestamp: number; value: number }>; tags: string[] }>;
}

describe("the Datadog event target", () => {
  it("sends the run message with its alert type, tags, source, aggregation key and finish time", async () => {
    const before = sim.received.events.length;
    const outcomes = await sendNotifications(report(), { ...NONE, datadogEvent: true }, datadogOptions());
    expect(outcomes).toEqual([{ target: "datadog-event", ok: true }]);
    expect(sim.received.events.slice(before)).toEqual([
      {
        title: "ddproof nightly: 9 gaps",
        text: [
          "gap run 2026-11-29T020000Z for last-24h (2026-11-28T02:00:00Z to 2026-11-29T02:00:00Z): complete evidence",
          "pci-dss-4.0.1: pass 4, partial 1, fail 2, unknown 0, manual 3, accepted 0",
          "MITRE ATT&CK: 3 of 12 techniques at score 3 or more",
          "Gaps: 9 (no earlier run to compare with)",
          "Pack: nightly/2026-11-29T020000Z",
        ].join("\n"),
        alert_type: "info",
        tags: ["source:ddproof", "job:nightly", "kind:gap", "status:complete"],
        source_type_name: "ddproof",
        aggregation_key: "ddproof-nightly",
        date_happened: FINISHED_S,
      },
    ]);
  });

  it("keeps a title of exactly 100 characters, and clips one of 101 to 99 and an ellipsis", async () => {
    // "ddproof <name>: 9 gaps" is 16 characters besides the name.
    const exact = "j".repeat(84);
    const over = "k".repeat(85);
    const before = sim.received.events.length;
    await sendNotifications(report({}, exact), { ...NONE, datadogEvent: true }, datadogOptions());
    await sendNotifications(report({}, over), { ...NONE, datadogEvent: true }, datadogOptions());
    const [kept, clipped] = sim.received.events.slice(before) as Array<{ title: string }>;
    expect(kept!.title).toBe(`ddproof ${exact}: 9 gaps`);
    expect(kept!.title).toHaveLength(100);
    expect(clipped!.title).toBe(`ddproof ${over}: 9 ga…`);
    expect(clipped!.title).toHaveLength(100);
  });

  it("clips a text longer than 4,000 characters to 3,999 and an ellipsis", async () => {
    const long = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(500));
    const changed = report({}, "nightly", {
      previous: "2026-11-28T020000Z",
      new_gaps: long.map((id) => gap(id)),
      closed_gaps: [],
    });
    const before = sim.received.events.length;
    await sendNotifications(changed, { ...NONE, datadogEvent: true }, datadogOptions());
    const [event] = sim.received.events.slice(before) as Array<{ text: string; alert_type: string }>;
    const whole = runMessage(changed).lines.join("\n");
    expect(whole.length).toBeGreaterThan(4000);
    expect(event!.text).toBe(`${whole.slice(0, 3999)}…`);
    expect(event!.alert_type).toBe("warning");
  });
});

describe("the Datadog metrics target", () => {
  it("sends every gauge as a type-3 series with one point at the run's finish time", async () => {
    const before = sim.received.series.length;
    const outcomes = await sendNotifications(report(), { ...NONE, datadogMetrics: true }, datadogOptions());
    expect(outcomes).toEqual([{ target: "datadog-metrics", ok: true }]);
    const received = sim.received.series.slice(before) as ReceivedSeries[];
    expect(received).toHaveLength(1);
    const point = (metric: string, value: number, ...tags: string[]) => ({
      metric,
      type: 3,
      points: [{ timestamp: FINISHED_S, value }],
      tags: ["job:nightly", ...tags],
    });
    const controls = (status: string, value: number) =>
      point("ddproof.controls", value, "framework:pci-dss-4.0.1", `status:${status}`);
    expect(received[0]!.series).toEqual([
      controls("pass", 4),
      controls("partial", 1),
      controls("fail", 2),
      controls("unknown", 0),
      controls("manual", 3),
      controls("accepted", 0),
      controls("not_applicable", 1),
      point("ddproof.attack.techniques", 5, "score:0"),
      point("ddproof.attack.techniques", 2, "score:1"),
      point("ddproof.attack.techniques", 2, "score:2"),
      point("ddproof.attack.techniques", 1, "score:3"),
      point("ddproof.attack.techniques", 1, "score:4"),
      point("ddproof.attack.techniques", 1, "score:5"),
      point("ddproof.attack.coverage_ratio", 0.25),
      point("ddproof.collect.duration_seconds", 1.5),
    ]);
  });

  it("sends a coverage ratio of 0 when there are no techniques, and no attack gauges without ATT&CK", async () => {
    const before = sim.received.series.length;
    const empty = { covered: 0, total: 0, gap_below: 3, by_score: [0, 0, 0, 0, 0, 0] };
    await sendNotifications(
      report({ summary: { ...RUN.summary!, attack: empty } }),
      { ...NONE, datadogMetrics: true },
      datadogOptions(),
    );
    await sendNotifications(
      report({ summary: { ...RUN.summary!, attack: null } }),
      { ...NONE, datadogMetrics: true },
      datadogOptions(),
    );
    const [zero, without] = sim.received.series.slice(before) as ReceivedSeries[];
    expect(zero!.series.find((s) => s.metric === "ddproof.attack.coverage_ratio")?.points).toEqual([
      { timestamp: FINISHED_S, value: 0 },
    ]);
    expect(without!.series.map((s) => s.metric)).toEqual([
      ...Array(7).fill("ddproof.controls"),
      "ddproof.collect.duration_seconds",
    ]);
  });

  it("sends no request for a failed run, and still counts as sent", async () => {
    const served = sim.requests.length;
    const outcomes = await sendNotifications(
      report({ status: "failed", summary: null, period: null, pack_dir: null, error: "boom" }),
      { ...NONE, datadogMetrics: true },
      datadogOptions(),
    );
    expect(outcomes).toEqual([{ target: "datadog-metrics", ok: true }]);
    expect(sim.requests.length).toBe(served);
  });
});

describe("sendNotifications", () => {
  afterEach(() => sim.setFaults([]));

  it("enables each target by its own setting only", () => {
    const enabled = (settings: NotifySettings) =>
      NOTIFY_TARGETS.filter((target) => target.enabled(settings)).map((target) => target.id);
    expect(enabled({ ...NONE, datadogEvent: true })).toEqual(["datadog-event"]);
    expect(enabled({ ...NONE, datadogMetrics: true })).toEqual(["datadog-metrics"]);
    expect(enabled({ ...NONE, slackWebhook: "http://127.0.0.1/x" })).toEqual(["slack"]);
    expect(enabled(NONE)).toEqual([]);
  });

  it("tries the targets in registry order, only the enabled ones, and logs each outcome", async () => {
    expect(NOTIFY_TARGETS.map((target) => target.id)).toEqual(["datadog-event", "datadog-metrics", "slack"]);
    const { log, records } = captureLog();
    const tried: string[] = [];
    const recording = (id: string, enabled: boolean, fails = false): NotifyTarget => ({
      id,
      enabled: () => enabled,
      async send() {
        tried.push(id);
        if (fails) throw new Error(`${id} is down`);
      },
    });
    const outcomes = await sendNotifications(report(), NONE, {
      ...datadogOptions(log),
      targets: [recording("a", true, true), recording("b", false), recording("c", true)],
    });
    expect(tried).toEqual(["a", "c"]);
    expect(outcomes).toEqual([
      { target: "a", ok: false, error: "a is down" },
      { target: "c", ok: true },
    ]);
    expect(records.map(({ level, msg, target, error }) => ({ level, msg, target, error }))).toEqual([
      {
        level: "warn",
        msg: "notification failed; the run and its pack are unaffected",
        target: "a",
        error: "a is down",
      },
      { level: "info", msg: "notification sent", target: "c", error: undefined },
    ]);
  });

  it("opens one Datadog session for all the targets of a run, only when one asks for it", async () => {
    const sessions: unknown[] = [];
    const asking: NotifyTarget = {
      id: "asks",
      enabled: () => true,
      async send(_report, _settings, ctx: NotifyContext) {
        sessions.push(await ctx.session());
      },
    };
    await sendNotifications(report(), NONE, { ...datadogOptions(), targets: [asking, asking] });
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toBe(sessions[1]);
  });

  it("retries a Datadog notification twice, and no more", async () => {
    sim.setFaults("events_submit:status=503");
    const served = sim.requests.length;
    const outcomes = await sendNotifications(report(), { ...NONE, datadogEvent: true }, datadogOptions());
    expect(outcomes).toMatchObject([{ target: "datadog-event", ok: false }]);
    expect(sim.requests.slice(served).map((request) => request.endpoint)).toEqual([
      "events_submit",
      "events_submit",
      "events_submit",
    ]);
  }, 30_000);
});

describe("the Slack target", () => {
  let server: Server | null = null;
  afterEach(async () => {
    await stopServer(server);
    server = null;
  });

  interface Posted {
    method: string | undefined;
    type: string | undefined;
    body: string;
  }
  async function hook(status: number): Promise<{ url: string; posted: Posted[] }> {
    const posted: Posted[] = [];
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      request.on("end", () => {
        posted.push({ method: request.method, type: request.headers["content-type"], body });
        response.writeHead(status, { "content-type": "text/plain" });
        response.end("ok");
      });
    });
    return { url: `${await listenLocally(server)}/services/T0/B0/hookSecret0`, posted };
  }

  function send(url: string, signal = new AbortController().signal) {
    return slackTarget
      .send(report(), { ...NONE, slackWebhook: url }, { signal, session: () => Promise.reject(new Error("unused")) })
      .then(
        () => null,
        (error: unknown) => (error as Error).message,
      );
  }

  it("posts the bold title and the message lines as one JSON text", async () => {
    const { url, posted } = await hook(200);
    const signal = new AbortController().signal;
    expect(await send(url, signal)).toBeNull();
    expect(posted).toEqual([
      {
        method: "POST",
        type: "application/json",
        body: JSON.stringify({
          text: [
            "*ddproof nightly: 9 gaps*",
            "gap run 2026-11-29T020000Z for last-24h (2026-11-28T02:00:00Z to 2026-11-29T02:00:00Z): complete evidence",
            "pci-dss-4.0.1: pass 4, partial 1, fail 2, unknown 0, manual 3, accepted 0",
            "MITRE ATT&CK: 3 of 12 techniques at score 3 or more",
            "Gaps: 9 (no earlier run to compare with)",
            "Pack: nightly/2026-11-29T020000Z",
          ].join("\n"),
        }),
      },
    ]);
    // The run's signal is left as it was found.
    expect(getEventListeners(signal, "abort")).toEqual([]);
  });

  it("accepts any 2xx answer and refuses the statuses either side", async () => {
    for (const [status, failure] of [
      [200, null],
      [204, null],
      [299, null],
      [300, "the Slack webhook answered HTTP 300"],
      [404, "the Slack webhook answered HTTP 404"],
      [500, "the Slack webhook answered HTTP 500"],
    ] as const) {
      const { url } = await hook(status);
      expect([status, await send(url)]).toEqual([status, failure]);
      await stopServer(server);
      server = null;
    }
  });

  it("names the error code of a webhook that cannot be reached, never the URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/services/T0/B0/hookSecret0`;
    expect(await send(url)).toBe("the Slack webhook could not be reached (ECONNREFUSED)");
  });

  it("gives up when the run is abandoned, with the abort's name", async () => {
    server = createServer(() => {
      // Never answers: only the abort can end the post.
    });
    const url = `${await listenLocally(server)}/services/T0/B0/hookSecret0`;
    const controller = new AbortController();
    const sending = send(url, controller.signal);
    controller.abort(Object.assign(new Error("shutdown"), { name: "ShutdownError" }));
    expect(await sending).toBe("the Slack webhook could not be reached (ShutdownError)");
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
  });
});
