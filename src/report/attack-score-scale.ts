/**
 * The ATT&CK coverage ladder as reports show it (DESIGN.md, assess/attack/
 * ladder.ts): a short label, the meaning, and one colour per score from red
 * (0) to green (5). The Navigator layer's gradient and legend come from
 * this table, and any heatmap can use the same colours.
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
    color: "#d73027",
  },
  {
    score: 1,
    label: "Visibility only",
    meaning: "an ingesting source matches a log source of the technique's analytics",
    color: "#fc8d59",
  },
  { score: 2, label: "Paper coverage", meaning: "an enabled rule exists, but none is effective", color: "#fee08b" },
  {
    score: 3,
    label: "Effective",
    meaning: "an enabled rule whose source is ingesting (or whose hosts run Workload Protection)",
    color: "#d9ef8b",
  },
  { score: 4, label: "Validated", meaning: "an effective rule fired in the period", color: "#91cf60" },
  {
    score: 5,
    label: "Operated",
    meaning: "two or more effective rules, one fired, and its high/critical signals met the triage SLA",
    color: "#1a9850",
  },
];
