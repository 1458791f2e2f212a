/** The table `ddproof doctor` prints without --json. */
import type { CheckStatus, DoctorReport } from "./report.js";
import { allChecks } from "./report.js";

const SHOWN: Record<CheckStatus, string> = { ok: "ok", warn: "WARN", fail: "FAIL", skipped: "skip" };

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  // The last column (the sentence) is not padded, so lines carry no trailing spaces.
  return rows.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  "),
  );
}

export function doctorLines(report: DoctorReport): string[] {
  const lines = [`ddproof doctor: ${report.target.base_url} (site ${report.target.site})`, ""];
  lines.push(
    ...table([
      ["check", "status", "detail"],
      ["site", SHOWN[report.site.status], report.site.detail],
      ["API key", SHOWN[report.api_key.status], report.api_key.detail],
      ["application key", SHOWN[report.app_key.status], report.app_key.detail],
      ["clock", SHOWN[report.clock.status], report.clock.detail],
    ]),
    "",
    ...table([
      ["collector", "endpoint", "status", "detail"],
      ...report.endpoints.map((endpoint) => [
        endpoint.collector,
        `${endpoint.method} ${endpoint.path}`,
        SHOWN[endpoint.status],
        endpoint.detail,
      ]),
    ]),
    "",
  );
  const failed = allChecks(report).filter(({ check }) => check.status === "fail");
  const usable = report.endpoints.filter((endpoint) => endpoint.status === "ok").length;
  lines.push(`${usable} of ${report.endpoints.length} endpoints usable.`);
  lines.push(
    failed.length === 0
      ? "Every check passed."
      : `${failed.length} check(s) failed: ${failed.map(({ name }) => name).join(", ")}.`,
  );
  return lines;
}
