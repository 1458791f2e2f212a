/** One measured render of the evidence pack. argv: SNAPSHOT OUT_DIR. Prints one JSON line. */
import { Config } from "../src/config/schema.js";
import { renderPack } from "../src/pack/render-pack.js";
import { peakRssMb } from "./peak-rss.js";

const [snapshotFile, outDir] = process.argv.slice(2) as [string, string];
const config = Config.parse({});
const started = performance.now();
const pack = await renderPack({
  kind: "evidence",
  snapshotFile,
  outDir,
  inputs: { frameworks: config.frameworks, userDirs: [], attestationsFile: null },
  thresholds: config.thresholds,
  replace: true,
});
const wallMs = performance.now() - started;
const sizes = Object.fromEntries(pack.manifest.files.map((file) => [file.path, file.size]));
process.stdout.write(
  `${JSON.stringify({ wallMs, peakRssMb: peakRssMb(), files: pack.manifest.files.length, sizes })}\n`,
);
