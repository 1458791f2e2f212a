/** A failing control's gap for notification tests: only its id (and framework) matter there. */
import type { Gap } from "../../src/report/gaps.js";

export function gap(id: string, framework = "pci-dss-4.0.1"): Gap {
  return {
    subject: "control",
    framework,
    id,
    title: id,
    status: "fail",
    score: null,
    reason_code: "no_rule",
    reason: "",
    evidence: [],
  };
}
