/**
 * One measured collection, in its own process so its memory is its own.
 * argv: URL FROM TO OUT_FILE NOW. Prints one JSON line with the figures.
 */
import { collectToFile } from "../src/collectors/collect-to-file.js";
import { customPeriod } from "../src/config/period.js";
import { COLLECTOR_IDS } from "../src/snapshot/schema.js";
import { peakRssMb } from "./peak-rss.js";

const [url, from, to, out, now] = process.argv.slice(2) as [string, string, string, string, string];
const started = performance.now();
const snapshot = await collectToFile({
  target: {
    apiKey: "bench-api-key-0000000000000000",
    appKey: "bench-app-key-0000000000000000",
    site: "datadoghq.com",
    apiUrl: url,
  },
  period: customPeriod(from, to, "UTC"),
  out,
  // The simulated org lives at a fixed date; ages and host look-back are measured from it.
  now: new Date(now),
});
const wallMs = performance.now() - started;
const signals = snapshot.collectors.signals;
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    peakRssMb: peakRssMb(),
    complete: snapshot.complete,
    signals: signals.status === "ok" ? signals.data.total : null,
    collectors: Object.fromEntries(
      COLLECTOR_IDS.map((id) => [
        id,
        {
          status: snapshot.collectors[id].status,
          requests: snapshot.collectors[id].requests,
          ms: snapshot.collectors[id].duration_ms,
        },
      ]),
    ),
  })}\n`,
);
