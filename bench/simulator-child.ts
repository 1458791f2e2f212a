/**
 * The simulator's large org in this process: time to build it, time and heap
 * to count a quarter of signals (they are counted, never materialised), and
 * time to serve one full signal page from mid-quarter. Prints one JSON line.
 */
import { startSimulator } from "../src/simulator/index.js";
import { peakRssMb } from "./peak-rss.js";

const NOW = new Date("2026-11-15T12:00:00Z");

function liveHeap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

let started = performance.now();
const sim = await startSimulator({ seed: 1, scale: "large", now: NOW });
const startMs = performance.now() - started;
try {
  const heapBefore = liveHeap();
  started = performance.now();
  const signals = sim.org.countSignals(new Date("2026-07-01T00:00:00Z"), new Date("2026-10-01T00:00:00Z"));
  const countMs = performance.now() - started;
  const countHeapMb = (liveHeap() - heapBefore) / 1024 / 1024;

  started = performance.now();
  const response = await fetch(new URL("/api/v2/security_monitoring/signals/search", sim.url), {
    method: "POST",
    headers: { "content-type": "application/json", "dd-api-key": "bench", "dd-application-key": "bench" },
    body: JSON.stringify({
      filter: { from: "2026-08-20T00:00:00Z", to: "2026-08-27T00:00:00Z" },
      page: { limit: 1000 },
      sort: "-timestamp",
    }),
  });
  const page = (await response.json()) as { data: unknown[] };
  const pageMs = performance.now() - started;
  if (response.status !== 200 || page.data.length !== 1000)
    throw new Error(`signal page: status ${response.status}, ${page.data.length} signals`);
  process.stdout.write(
    `${JSON.stringify({ startMs, countMs, countHeapMb, pageMs, signals, peakRssMb: peakRssMb() })}\n`,
  );
} finally {
  await sim.close();
}
