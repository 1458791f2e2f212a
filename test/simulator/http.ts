/** Plain-fetch helpers for the simulator tests (these test the simulator, not the collectors). */
import type { RunningSimulator } from "../../src/simulator/index.js";

export const KEYS = { "DD-API-KEY": "sim-test-api-key-0001", "DD-APPLICATION-KEY": "sim-test-app-key-0002" };
export const NOW = new Date("2026-11-15T12:00:00Z");
export const Q3 = { from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-10-01T00:00:00Z") };

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
}

export async function getJson<T = Record<string, unknown>>(
  sim: RunningSimulator,
  path: string,
  headers: Record<string, string> = KEYS,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${sim.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, json: (await response.json()) as T };
}

export async function postJson<T = Record<string, unknown>>(
  sim: RunningSimulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = KEYS,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as T };
}

export const SIGNALS_PATH = "/api/v2/security_monitoring/signals/search";
export const AUDIT_PATH = "/api/v2/audit/events/search";
export const AGGREGATE_PATH = "/api/v2/logs/analytics/aggregate";

export interface SearchPage {
  data: Array<{ id: string; attributes: Record<string, unknown> & { timestamp: string } }>;
  meta: { page?: { after?: string } };
}

/** Follows the cursor to the end; returns every event in order. */
export async function searchAll(
  sim: RunningSimulator,
  path: string,
  body: Record<string, unknown>,
  limit: number,
): Promise<{ events: SearchPage["data"]; pages: number }> {
  const events: SearchPage["data"] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { status, json } = await postJson<SearchPage>(sim, path, {
      ...body,
      page: { limit, ...(cursor ? { cursor } : {}) },
    });
    if (status !== 200) throw new Error(`${path}: HTTP ${status} ${JSON.stringify(json)}`);
    events.push(...json.data);
    pages++;
    cursor = json.meta.page?.after;
  } while (cursor);
  return { events, pages };
}
