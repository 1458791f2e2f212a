/** One line about an OSCAL import, for the CLI and the import script. */
import type { OscalImport } from "./import.js";

export function describeOscalImport({ catalog, withdrawn }: OscalImport): string {
  const kinds = new Map<string, number>();
  for (const control of catalog.controls) kinds.set(control.kind, (kinds.get(control.kind) ?? 0) + 1);
  const counts = [...kinds].map(([kind, count]) => `${count} ${catalog.presentation?.kind_labels?.[kind]?.toLowerCase() ?? kind} rows`).join(", ");
  const relevant = catalog.controls.filter((control) => control.monitoring_relevant).length;
  return `${catalog.name} ${catalog.version}: ${counts}; ${relevant} monitoring-relevant; ${withdrawn.length} withdrawn skipped`;
}
