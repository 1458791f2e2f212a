/**
 * Each collector is described once (snapshot/collector-descriptions.json):
 * the collector carries that description and the evidence appendix prints
 * it. These tests hold the description to the code: every call a collector's
 * source makes is named, every named call exists in the client, and the
 * filters and page sizes the code sends are the ones the text states.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as agents from "../../src/collectors/agents.js";
import * as audit from "../../src/collectors/audit.js";
import * as dashboards from "../../src/collectors/dashboards.js";
import { COLLECTORS } from "../../src/collectors/index.js";
import * as logSources from "../../src/collectors/log-sources.js";
import * as rules from "../../src/collectors/rules/index.js";
import * as signals from "../../src/collectors/signals/index.js";
import * as suppressions from "../../src/collectors/suppressions.js";
import { loadDatadogModule } from "../../src/datadog/session.js";
import { collectorDescription } from "../../src/snapshot/collector-descriptions.js";
import data from "../../src/snapshot/collector-descriptions.json" with { type: "json" };
import { COLLECTOR_IDS, type CollectorId } from "../../src/snapshot/schema.js";

const folder = fileURLToPath(new URL("../../src/collectors/", import.meta.url));

/** The source of one collector: its file, or every file of its folder. */
function sourceOf(id: CollectorId): string {
  const name = id.replace(/_/g, "-");
  if (statSync(folder + name, { throwIfNoEntry: false })?.isDirectory())
    return readdirSync(folder + name)
      .map((file) => readFileSync(`${folder}${name}/${file}`, "utf8"))
      .join("\n");
  return readFileSync(`${folder}${name}.ts`, "utf8");
}

/** `v2 SomethingApi.method` for every `new ctx.dd.v2.SomethingApi(…).method(` in a source. */
function callsIn(source: string): string[] {
  return [...source.matchAll(/new ctx\.dd\.(v[12])\.(\w+Api)\([\s\S]*?\)\.(\w+)\(/g)].map(
    ([, version, api, method]) => `${version} ${api}.${method}`,
  );
}

/** Everything a description says about a collector's calls, in one text. */
function callText(id: CollectorId): string {
  return collectorDescription(id)
    .calls.map((call) => `${call.operation}: ${call.asks}; ${call.paging}`)
    .join("\n");
}

describe("collector descriptions", () => {
  it("has exactly one description per collector id, and each collector carries that one", () => {
    expect(Object.keys(data.collectors).sort()).toEqual([...COLLECTOR_IDS].sort());
    for (const id of COLLECTOR_IDS) expect(COLLECTORS[id].description).toBe(collectorDescription(id));
  });

  it("names every call each collector's code makes", () => {
    for (const id of COLLECTOR_IDS) {
      const calls = callsIn(sourceOf(id));
      expect(calls.length, id).toBeGreaterThan(0);
      const described = collectorDescription(id).calls.map((call) => call.operation);
      for (const call of calls) expect(described, id).toContain(call);
    }
  });

  it("names each call's failures after a call the description names", () => {
    for (const id of COLLECTOR_IDS) {
      const described = collectorDescription(id).calls.map((call) => call.operation);
      const named = [...sourceOf(id).matchAll(/require(?:Value|Body)\(\w+, "([^"]+)"\)/g)].map(
        ([, operation]) => operation,
      );
      expect(named.length, id).toBeGreaterThan(0);
      for (const operation of named) expect(described, id).toContain(operation);
    }
  });

  it("names only calls the official client has", async () => {
    const dd = await loadDatadogModule();
    for (const id of COLLECTOR_IDS) {
      for (const { operation } of collectorDescription(id).calls) {
        const [, version, api, method] = /^(v[12]) (\w+)\.(\w+)$/.exec(operation)!;
        const apiClass = (dd[version as "v1" | "v2"] as unknown as Record<string, { prototype: object }>)[api!];
        expect(typeof (apiClass?.prototype as Record<string, unknown> | undefined)?.[method!], operation).toBe(
          "function",
        );
      }
    }
  });

  it("states the filters and page sizes the code sends", () => {
    const stated: Array<[CollectorId, string]> = [
      ["rules", `${rules.PAGE_SIZE} per page`],
      ["suppressions", `${suppressions.PAGE_SIZE} per page`],
      ["dashboards", `${dashboards.PAGE_SIZE} per page`],
      ["agents", `${agents.AGENTS_PAGE_SIZE} per page`],
      ["agents", `${agents.HOSTS_PAGE_SIZE} per page`],
      ["agents", `last ${agents.HOST_LOOKBACK_SECONDS / 86_400} days`],
      ["log_sources", `${logSources.GROUPS_PER_PAGE} sources per page`],
      ["signals", `${signals.PAGE_LIMIT} per page`],
      ["signals", `up to ${signals.MAX_SLICES}`],
      ["audit", `query ${audit.RULE_CHANGE_QUERY} `],
      ["audit", `${audit.PAGE_LIMIT} per page`],
    ];
    for (const [id, text] of stated) expect(callText(id), id).toContain(text);
  });
});
