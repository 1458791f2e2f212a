/**
 * The replay server's rules for picking a recorded response, on the real
 * signals recording (three cursor pages; the first page's signals are a day
 * older than the window its search asked for).
 */
import { afterEach, describe, expect, it } from "vitest";
import { bodyOf, loadRecording, wireText } from "../helpers/recordings.js";
import { type ReplayServer, recordedRoute, startReplayServer } from "../helpers/replay-server.js";

const recording = loadRecording("signals-search", "paged");
const PATH = "/api/v2/security_monitoring/signals/search";
const recordedBody = (index: number) =>
  bodyOf(recording.exchanges[index]!.request) as { filter: { from: string; to: string }; page: { cursor?: string } };

let server: ReplayServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function search(body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server!.url}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe("the replay server", () => {
  it("answers the recorded window with what was recorded for it, out-of-window items included, and a recorded cursor with its page", async () => {
    server = await startReplayServer([recordedRoute(recording)]);
    const { filter } = recordedBody(0);
    // The client drops milliseconds: the same window, to the second.
    const first = await search({
      filter: { from: filter.from.replace(/\.\d+Z$/, "Z"), to: filter.to.replace(/\.\d+Z$/, "Z"), query: "*" },
      page: { limit: 1000 },
    });
    expect(first).toEqual({ status: 200, text: wireText(recording.exchanges[0]!.response) });
    const second = await search({ filter, page: { cursor: recordedBody(1).page.cursor, limit: 1000 } });
    expect(second.text).toBe(wireText(recording.exchanges[1]!.response));
    expect(server.requests).toHaveLength(2);
  });

  it("answers another window with the first unserved page whose items all lie in it", async () => {
    server = await startReplayServer([recordedRoute(recording)]);
    // Only the second page's signal (2022-04-12T13:54:11.485Z) lies in this window; the first page's do not.
    const slice = await search({
      filter: { from: "2022-04-12T13:54:05Z", to: "2022-04-12T14:00:00Z", query: "*" },
      page: { limit: 1000 },
    });
    expect(slice.text).toBe(wireText(recording.exchanges[1]!.response));
    // Nothing unserved fits a window with no recorded signal but the recorded last (empty) page.
    const empty = await search({
      filter: { from: "2022-04-11T00:00:00Z", to: "2022-04-11T01:00:00Z", query: "*" },
      page: { limit: 1000 },
    });
    expect(empty.text).toBe('{"data":[]}');
  });

  it("answers 404 for an unrecorded cursor or path, so a collector asking for them fails", async () => {
    server = await startReplayServer([recordedRoute(recording)]);
    expect((await search({ filter: recordedBody(0).filter, page: { cursor: "not-recorded" } })).status).toBe(404);
    const other = await fetch(`${server.url}/api/v2/security_monitoring/rules`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ errors: ["no recording for GET /api/v2/security_monitoring/rules"] });
  });
});
