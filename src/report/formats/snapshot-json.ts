/**
 * snapshot.json: the frozen evidence every figure comes from. Every kind of
 * pack carries its inputs, so anyone can re-run the report.
 */
import { inputJsonFormat } from "../input-json.js";

export const SNAPSHOT_JSON = "snapshot.json";

export const format = inputJsonFormat(
  "snapshot-json",
  SNAPSHOT_JSON,
  "snapshot.json: the frozen evidence every figure comes from",
  (input) => input.snapshot,
);
