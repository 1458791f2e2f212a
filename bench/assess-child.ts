/** One measured assessment of a snapshot. argv: SNAPSHOT. Prints one JSON line. */
import { assess } from "../src/assess/index.js";
import { loadAssessInputs } from "../src/assess/load-inputs.js";
import { Config } from "../src/config/schema.js";
import { readSnapshot } from "../src/snapshot/read.js";
import { peakRssMb } from "./peak-rss.js";

const [file] = process.argv.slice(2) as [string];
const config = Config.parse({});
const snapshot = await readSnapshot(file);
const inputs = await loadAssessInputs({ frameworks: config.frameworks, userDirs: [], attestationsFile: null });
const started = performance.now();
const assessment = assess({ snapshot, ...inputs, thresholds: config.thresholds, frameworks: config.frameworks });
const assessMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ assessMs, peakRssMb: peakRssMb(), techniques: assessment.attack?.techniques.length ?? 0 })}\n`,
);
