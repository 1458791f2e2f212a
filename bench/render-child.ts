/**
 * One measured render of the evidence pack. argv: SNAPSHOT OUT_DIR [FORMAT_ID]; with a format id, only that
 * format is rendered (the snapshot is still read and assessed). Prints one JSON line.
 */
import { Config } from "../src/config/schema.js";
import { renderPack } from "../src/pack/render-pack.js";
import { REPORT_FORMATS } from "../src/report/formats/index.js";
import { peakRssMb } from "./peak-rss.js";

const [snapshotFile, outDir, formatId] = process.argv.slice(2) as [string, string, string | undefined];
const config = Config.parse({});
const started = performance.now();
const pack = await renderPack({
  kind: "evidence",
  snapshotFile,
  outDir,
  inputs: { frameworks: config.frameworks, userDirs: [], attestationsFile: null },
  thresholds: config.thresholds,
  replace: true,
  ...(formatId === undefined ? {} : { formats: REPORT_FORMATS.filter((format) => format.id === formatId) }),
});
const wallMs = performance.now() - started;
const sizes = Object.fromEntries(pack.manifest.files.map((file) => [file.path, file.size]));
process.stdout.write(
  `${JSON.stringify({ wallMs, peakRssMb: peakRssMb(), files: pack.manifest.files.length, sizes })}\n`,
);
