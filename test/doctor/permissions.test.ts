/**
 * contracts/datadog/permissions.json against what reads it and what it
 * describes: the README's Permissions table, the doctor's probes, and the
 * requests the real collectors make to the simulator.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/collectors/run.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { loadPermissions, type OperationPermissions, type PermissionsFile } from "../../src/doctor/permissions.js";
import { PROBES, VALIDATE_PROBE } from "../../src/doctor/probes.js";
import { ENDPOINTS } from "../../src/simulator/endpoints/index.js";
import { COLLECTOR_IDS, type CollectorId } from "../../src/snapshot/schema.js";
import { PACKAGE_ROOT } from "../../src/version.js";
import { useSimulator } from "../helpers/simulator.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const context = useSimulator({ now: NOW });
let data: PermissionsFile;

beforeAll(async () => {
  data = await loadPermissions();
});

const route = (row: { method: string; path: string }) => `${row.method} ${row.path}`;
const rowsOf = (collector: CollectorId) =>
  data.operations.filter((row) => row.used_for === "collect" && row.collectors.includes(collector));

/** The README table between its markers, one object per row, read back from the markdown. */
async function readmeRows(): Promise<
  Array<{ endpoint: string; operation: string; calledBy: string; permissions: string }>
> {
  const readme = await readFile(join(PACKAGE_ROOT, "README.md"), "utf8");
  const start = readme.indexOf("<!-- permissions-table:start");
  const end = readme.indexOf("<!-- permissions-table:end -->");
  expect(start, "README.md has the permissions-table markers").toBeGreaterThan(0);
  const lines = readme
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("| "));
  expect(lines[0]).toBe("| endpoint | operation | called by | application-key permissions |");
  return lines.slice(2).map((line) => {
    const [endpoint, operation, calledBy, permissions] = line.slice(2, -2).split(" | ");
    return { endpoint: endpoint!, operation: operation!, calledBy: calledBy!, permissions: permissions! };
  });
}

/** What the README's permissions cell must say for a row, read independently of the generator. */
function expectPermissionsCell(cell: string, row: OperationPermissions): void {
  if (row.source === "api key only") expect(cell).toBe("none: API key only");
  else if (row.source === "not published") expect(cell).toBe("not published in Datadog's spec");
  else expect(cell.match(/`[a-z_]+`/g)?.map((name) => name.slice(1, -1))).toEqual(row.permissions);
}

describe("the permissions data file", () => {
  it("gives every published row its permissions, and the rules collector the one Datadog documents", () => {
    expect(data.operations.find((row) => row.operation_id === "ListSecurityMonitoringRules")).toMatchObject({
      method: "GET",
      path: "/api/v2/security_monitoring/rules",
      permissions: ["security_monitoring_rules_read"],
      source: "AuthZ",
      keys: ["api", "app"],
    });
    // Submissions and the key check need the API key only.
    for (const id of ["CreateEvent", "SubmitMetrics", "Validate"]) {
      expect(data.operations.find((row) => row.operation_id === id)).toMatchObject({
        source: "api key only",
        keys: ["api"],
        permissions: [],
      });
    }
  });

  it("agrees with the README table, row for row", async () => {
    const rows = await readmeRows();
    expect(rows.map((row) => row.operation)).toEqual(data.operations.map((row) => `\`${row.operation_id}\``));
    data.operations.forEach((row, index) => {
      const shown = rows[index]!;
      expect(shown.endpoint).toBe(`\`${route(row)}\``);
      if (row.used_for === "collect")
        expect(shown.calledBy).toBe(row.collectors.map((id) => `collector \`${id}\``).join(", "));
      if (row.used_for === "notify")
        expect(shown.calledBy).toMatch(new RegExp(`^notification \`${row.notify}\` \\(only when it is on\\)$`));
      if (row.used_for === "doctor") expect(shown.calledBy).toBe("`ddproof doctor`");
      expectPermissionsCell(shown.permissions, row);
    });
  });

  it("has a row for every probe of every collector, and no collector row without a probe", () => {
    for (const collector of COLLECTOR_IDS) {
      expect(PROBES[collector].length, collector).toBeGreaterThan(0);
      expect(
        rowsOf(collector)
          .map((row) => row.operation_id)
          .sort(),
        collector,
      ).toEqual(PROBES[collector].map((probe) => probe.operationId).sort());
    }
    expect(data.operations.find((row) => row.operation_id === VALIDATE_PROBE.operationId)?.used_for).toBe("doctor");
  });

  it("places the submission and key-check rows where the simulator serves those endpoints", () => {
    const at = (id: string) => route(data.operations.find((row) => row.operation_id === id)!);
    expect(at("CreateEvent")).toBe(route(ENDPOINTS.events_submit));
    expect(at("SubmitMetrics")).toBe(route(ENDPOINTS.metrics_submit));
    expect(at("Validate")).toBe(route(ENDPOINTS.validate));
  });

  it("has a row, for the right collector, for every endpoint each real collector requests", async () => {
    const session = await DatadogSession.open(context.target(), {
      policy: { baseDelayMs: 5, maxDelayMs: 200, maxRetries: 1, timeoutMs: 10_000 },
    });
    const period = resolvePeriod("last-7d", "UTC", NOW);
    for (const collector of COLLECTOR_IDS) {
      const before = context.sim.requests.length;
      const snapshot = await collectSnapshot({ session, period, now: NOW, populationDir: null, only: [collector] });
      expect(snapshot.collectors[collector].status, collector).toBe("ok");
      const requested = new Set(
        context.sim.requests.slice(before).map((request) => {
          const endpoint = request.endpoint === null ? null : ENDPOINTS[request.endpoint];
          return endpoint ? route(endpoint) : `${request.method} ${request.path} (unknown to the simulator)`;
        }),
      );
      expect([...requested].sort(), collector).toEqual(rowsOf(collector).map(route).sort());
    }
  });
});
