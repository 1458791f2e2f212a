/** Display names of the assessed frameworks by id, ATT&CK included, as every PDF section names them. */
import { ATTACK_FRAMEWORK_ID } from "../../assess/attestations.js";
import type { Assessment } from "../../assess/schema.js";

export function frameworkNames(assessment: Assessment): Map<string, string> {
  const names = new Map(assessment.frameworks.map((framework) => [framework.id, framework.name]));
  if (assessment.attack !== null) names.set(ATTACK_FRAMEWORK_ID, `MITRE ATT&CK ${assessment.attack.version}`);
  return names;
}
