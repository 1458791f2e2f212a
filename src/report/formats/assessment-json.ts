/** assessment.json: what the report was judged from, in every kind of pack. */
import { inputJsonFormat } from "../input-json.js";

export const ASSESSMENT_JSON = "assessment.json";

export const format = inputJsonFormat(
  "assessment-json",
  ASSESSMENT_JSON,
  "assessment.json: every control's status, findings, evidence and attestations, and the ATT&CK scores",
  (input) => input.assessment,
);
