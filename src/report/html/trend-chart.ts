/**
 * The coverage trend of a scheduled job as a small inline SVG line chart:
 * the share of ATT&CK techniques covered and, per framework, the share of
 * controls passing, over the last runs and the current one. Coordinates are
 * computed here (fixed decimals, so the bytes are stable) and drawn by
 * trend.hbs; the same figures are also given as a table, for screen readers
 * and print.
 */
import type { Assessment } from "../../assess/schema.js";
import type { ReportInput, RunTrendPoint } from "../contract.js";
import { formatInstant } from "../pdf/report-time.js";

/** Runs of history drawn, newest last. */
export const TREND_MAX_RUNS = 30;
/** History points needed before a chart is drawn (the current run is added to them). */
export const TREND_MIN_HISTORY = 2;

const WIDTH = 640;
const HEIGHT = 240;
const PLOT = { left: 48, right: WIDTH - 16, top: 12, bottom: HEIGHT - 36 };
const Y_TICKS = [0, 25, 50, 75, 100];

export interface TrendMarker {
  x: string;
  y: string;
  title: string;
}

export interface TrendSeries {
  index: number;
  name: string;
  /** Polyline point lists; a run without the figure breaks the line. */
  segments: string[];
  markers: TrendMarker[];
}

export interface TrendView {
  width: number;
  height: number;
  axis: { left: number; right: number; top: number; bottom: number };
  y_ticks: Array<{ y: string; label: string }>;
  x_labels: Array<{ x: string; label: string; anchor: "start" | "middle" | "end" }>;
  series: TrendSeries[];
  /** The same figures as a table: one row per run, one cell per series. */
  table: { headers: string[]; rows: Array<{ run: string; cells: string[] }> };
  first: string;
  last: string;
  runs: number;
}

/** A run's coverage figures as the scheduler records them (contract.ts RunTrendPoint). */
export function trendPointOf(collectedAt: string, assessment: Assessment): RunTrendPoint {
  const attack = assessment.attack;
  return {
    collected_at: collectedAt,
    attack_covered:
      attack === null ? null : attack.techniques.filter((technique) => technique.score >= attack.gap_below).length,
    attack_total: attack === null ? null : attack.techniques.length,
    controls_passing: Object.fromEntries(
      assessment.frameworks.map((framework) => [framework.id, framework.summary.pass]),
    ),
    controls_total: Object.fromEntries(
      assessment.frameworks.map((framework) => [framework.id, framework.controls.length]),
    ),
  };
}

interface SeriesSpec {
  name: string;
  figure(point: RunTrendPoint): { part: number; whole: number } | null;
}

function share(
  part: number | null | undefined,
  whole: number | null | undefined,
): { part: number; whole: number } | null {
  return part === null || part === undefined || whole === null || whole === undefined || whole <= 0
    ? null
    : { part, whole };
}

function seriesSpecs(assessment: Assessment): SeriesSpec[] {
  const specs: SeriesSpec[] = [];
  if (assessment.attack !== null) {
    specs.push({
      name: "ATT&CK techniques covered",
      figure: (point) => share(point.attack_covered, point.attack_total),
    });
  }
  for (const framework of assessment.frameworks) {
    specs.push({
      name: `${framework.name}: controls passing`,
      figure: (point) => share(point.controls_passing[framework.id], point.controls_total[framework.id]),
    });
  }
  return specs;
}

const fixed = (value: number) => value.toFixed(1);
const percent = (figure: { part: number; whole: number }) => (100 * figure.part) / figure.whole;
const figureText = (figure: { part: number; whole: number } | null) =>
  figure === null ? "–" : `${fixed(percent(figure))}% (${figure.part} of ${figure.whole})`;

function drawSeries(
  spec: SeriesSpec,
  index: number,
  points: readonly RunTrendPoint[],
  xOf: (i: number) => number,
  dates: readonly string[],
): TrendSeries {
  const segments: string[][] = [];
  const markers: TrendMarker[] = [];
  let current: string[] | null = null;
  points.forEach((point, i) => {
    const figure = spec.figure(point);
    if (figure === null) {
      current = null;
      return;
    }
    const x = fixed(xOf(i));
    const y = fixed(PLOT.bottom - (percent(figure) / 100) * (PLOT.bottom - PLOT.top));
    if (current === null) {
      current = [];
      segments.push(current);
    }
    current.push(`${x},${y}`);
    markers.push({ x, y, title: `${spec.name}, ${dates[i]}: ${figureText(figure)}` });
  });
  return { index, name: spec.name, segments: segments.map((segment) => segment.join(" ")), markers };
}

export function trendView(input: ReportInput): TrendView | null {
  if (input.history.length < TREND_MIN_HISTORY) return null;
  const current = trendPointOf(input.snapshot.collected_at, input.assessment);
  // The scheduler may already have recorded the current run.
  const earlier = input.history.filter((point) => point.collected_at !== current.collected_at);
  const points = [...earlier.slice(-TREND_MAX_RUNS), current];
  const zone = input.snapshot.period.timezone;
  const dates = points.map((point) => formatInstant(point.collected_at, zone));
  const step = (PLOT.right - PLOT.left) / Math.max(1, points.length - 1);
  const xOf = (i: number) => PLOT.left + i * step;
  const specs = seriesSpecs(input.assessment);
  const last = points.length - 1;
  return {
    width: WIDTH,
    height: HEIGHT,
    axis: PLOT,
    y_ticks: Y_TICKS.map((tick) => ({
      y: fixed(PLOT.bottom - (tick / 100) * (PLOT.bottom - PLOT.top)),
      label: `${tick}%`,
    })),
    x_labels: [
      { x: fixed(xOf(0)), label: dates[0]!.slice(0, 10), anchor: "start" },
      { x: fixed(xOf(last)), label: dates[last]!.slice(0, 10), anchor: "end" },
    ],
    series: specs.map((spec, index) => drawSeries(spec, index, points, xOf, dates)),
    table: {
      headers: specs.map((spec) => spec.name),
      rows: points.map((point, i) => ({ run: dates[i]!, cells: specs.map((spec) => figureText(spec.figure(point))) })),
    },
    first: dates[0]!,
    last: dates[last]!,
    runs: points.length,
  };
}
