/**
 * Coverage as Datadog gauges (v2 MetricsApi.submitMetrics), so it can be
 * charted and alerted on in Datadog itself, all tagged `job:<name>`:
 * - `ddproof.controls` per `framework:<id>` and `status:<status>` (zeros too,
 *   so a status that empties shows as 0 rather than its last value);
 * - `ddproof.attack.techniques` per `score:<0-5>`, and
 *   `ddproof.attack.coverage_ratio` (techniques at or above the gap score / all);
 * - `ddproof.collect.duration_seconds`.
 * A failed run has no figures and sends nothing.
 */
import type { NotifyTarget, RunReport } from "./contract.js";

/** v2 MetricIntakeType: 3 = gauge. */
const GAUGE = 3;

export interface GaugePoint {
  metric: string;
  value: number;
  tags: string[];
}

/** The gauges of one run; pure, so tests can check them without a server. */
export function runGauges(report: RunReport): GaugePoint[] {
  const summary = report.run.summary;
  if (summary === null) return [];
  const job = `job:${report.job.name}`;
  const points: GaugePoint[] = [];
  for (const [framework, counts] of Object.entries(summary.frameworks)) {
    for (const [status, value] of Object.entries(counts))
      points.push({ metric: "ddproof.controls", value, tags: [job, `framework:${framework}`, `status:${status}`] });
  }
  if (summary.attack) {
    summary.attack.by_score.forEach((value, score) =>
      points.push({ metric: "ddproof.attack.techniques", value, tags: [job, `score:${score}`] }),
    );
    const ratio = summary.attack.total === 0 ? 0 : summary.attack.covered / summary.attack.total;
    points.push({ metric: "ddproof.attack.coverage_ratio", value: ratio, tags: [job] });
  }
  points.push({ metric: "ddproof.collect.duration_seconds", value: summary.collect_seconds, tags: [job] });
  return points;
}

export const datadogMetricsTarget: NotifyTarget = {
  id: "datadog-metrics",
  enabled: (settings) => settings.datadogMetrics,
  async send(report, _settings, ctx) {
    const gauges = runGauges(report);
    if (gauges.length === 0) return;
    const timestamp = Math.floor(Date.parse(report.run.finished_at) / 1000);
    const session = await ctx.session();
    await session.call({ requests: 0, retries: 0 }, (configuration) =>
      new session.dd.v2.MetricsApi(configuration).submitMetrics({
        body: {
          series: gauges.map((gauge) => ({
            metric: gauge.metric,
            type: GAUGE,
            points: [{ timestamp, value: gauge.value }],
            tags: gauge.tags,
          })),
        },
      }),
    );
  },
};
