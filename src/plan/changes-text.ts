/**
 * Changes as lines for the terminal: techniques grouped by tactic (matrix
 * order), controls grouped by framework, each group worst first (lowest
 * result first, then the biggest fall). A pure function of the changes and
 * the assessment they were made on, for names and titles.
 */
import type { Assessment, ControlStatus } from "../assess/schema.js";
import { compareIds } from "../report/id-order.js";
import type { Changes, ControlChange, TechniqueChange } from "./changes.js";

/** Control statuses from worst to best, for ordering only. */
const STATUS_ORDER: Readonly<Record<ControlStatus, number>> = {
  fail: 0,
  unknown: 1,
  partial: 2,
  manual: 3,
  accepted: 4,
  not_applicable: 5,
  pass: 6,
};

function byWorst<T>(key: (item: T) => { to: number; from: number; id: string }) {
  return (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x.to - y.to || x.to - x.from - (y.to - y.from) || compareIds(x.id, y.id);
  };
}

function techniqueLines(changes: readonly TechniqueChange[], assessment: Assessment, tacticOrder: readonly string[]) {
  const techniques = new Map((assessment.attack?.techniques ?? []).map((technique) => [technique.id, technique]));
  const up = changes.filter((change) => change.to > change.from).length;
  const lines = [`ATT&CK techniques: ${changes.length} change (${up} up, ${changes.length - up} down)`];
  const tactics = [...tacticOrder, ...changes.flatMap((change) => techniques.get(change.id)?.tactics ?? [])].filter(
    (tactic, i, all) => all.indexOf(tactic) === i,
  );
  for (const tactic of tactics) {
    const group = changes
      .filter((change) => techniques.get(change.id)?.tactics.includes(tactic))
      .sort(byWorst((change) => change));
    if (group.length === 0) continue;
    lines.push(`  ${tactic}`);
    for (const change of group)
      lines.push(`    ${change.id} ${techniques.get(change.id)?.name ?? ""}: ${change.from} → ${change.to}`);
  }
  return lines;
}

function controlLines(changes: readonly ControlChange[], assessment: Assessment) {
  const lines: string[] = [];
  for (const framework of assessment.frameworks) {
    const group = changes
      .filter((change) => change.framework === framework.id)
      .sort(byWorst((change) => ({ to: STATUS_ORDER[change.to], from: STATUS_ORDER[change.from], id: change.id })));
    if (group.length === 0) continue;
    const controls = new Map(framework.controls.map((control) => [control.id, control]));
    lines.push(`${framework.name} ${framework.version}: ${group.length} controls change`);
    for (const change of group) {
      const control = controls.get(change.id);
      lines.push(`    ${control?.label ?? change.id} ${control?.title ?? ""}: ${change.from} → ${change.to}`);
    }
  }
  return lines;
}

export function changeLines(changes: Changes, assessment: Assessment, tacticOrder: readonly string[]): string[] {
  if (changes.techniques.length === 0 && changes.controls.length === 0) return ["Nothing changes."];
  return [
    ...(changes.techniques.length > 0 ? techniqueLines(changes.techniques, assessment, tacticOrder) : []),
    ...controlLines(changes.controls, assessment),
  ];
}

/** `3 techniques up, 1 control better` */
export function changeCounts(changes: Changes): string {
  const up = changes.techniques.filter((change) => change.to > change.from).length;
  const down = changes.techniques.length - up;
  const better = changes.controls.filter((change) => STATUS_ORDER[change.to] > STATUS_ORDER[change.from]).length;
  const worse = changes.controls.length - better;
  const count = (n: number, noun: string, how: string) => n > 0 && `${n} ${noun}${n === 1 ? "" : "s"} ${how}`;
  const parts = [
    count(up, "technique", "up"),
    count(down, "technique", "down"),
    count(better, "control", "better"),
    count(worse, "control", "worse"),
  ].filter(Boolean);
  return parts.length === 0 ? "no change" : parts.join(", ");
}
