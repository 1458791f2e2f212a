/**
 * One measured plan of a snapshot: every candidate action considered and
 * ranked, as `ddproof plan` does. argv: SNAPSHOT. Prints one JSON line.
 */
import { loadAssessInputs } from "../src/assess/load-inputs.js";
import { Config } from "../src/config/schema.js";
import { makePlan } from "../src/plan/plan.js";
import { readSnapshot } from "../src/snapshot/read.js";
import { peakRssMb } from "./peak-rss.js";

const [file] = process.argv.slice(2) as [string];
const config = Config.parse({});
const snapshot = await readSnapshot(file);
const inputs = await loadAssessInputs({ frameworks: config.frameworks, userDirs: [], attestationsFile: null });
const started = performance.now();
const plan = makePlan({ snapshot, ...inputs, thresholds: config.thresholds, frameworks: config.frameworks });
const planMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ planMs, peakRssMb: peakRssMb(), candidates: plan.candidates, actions: plan.actions.length })}\n`,
);
