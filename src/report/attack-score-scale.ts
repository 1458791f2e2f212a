/**
 * The ATT&CK coverage ladder as reports show it (DESIGN.md, assess/attack/
 * ladder.ts): a short label, the meaning, and one colour per score. This is
 * the one colour scale of scores: the PDFs, report.html and the Navigator
 * layer's gradient and legend all read it. ColorBrewer's YlGnBu, from pale
 * yellow (0) to dark blue (5): it gets darker at every step, so it stays in
 * order for readers with red-green or blue-yellow colour-vision deficiencies
 * (a red-to-green scale does not), and every cell also prints its number.
 */
export interface ScoreStep {
  score: number;
  label: string;
  meaning: string;
  color: string;
}

export const ATTACK_SCORE_SCALE: readonly ScoreStep[] = [
  {
    score: 0,
    label: "No coverage",
    meaning: "no enabled rule, and no ingesting source that ATT&CK says can see it",
    color: "#ffffcc",
  },
  {
    score: 1,
    label: "Visibility only",
    meaning: "an ingesting source matches a log source of the technique's analytics",
    color: "#c7e9b4",
  },
  { score: 2, label: "Paper coverage", meaning: "an enabled rule exists, but none is effective", color: "#7fcdbb" },
  {
    score: 3,
    label: "Effective",
    meaning: "an enabled rule whose source is ingesting (or whose hosts run Workload Protection)",
    color: "#41b6c4",
  },
  { score: 4, label: "Validated", meaning: "an effective rule fired in the period", color: "#2c7fb8" },
  {
    score: 5,
    label: "Operated",
    meaning: "two or more effective rules, one fired, and its high/critical signals met the triage SLA",
    color: "#253494",
  },
];
