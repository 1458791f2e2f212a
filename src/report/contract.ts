/**
 * The contract between the renderers and the pack writer. A renderer is a
 * pure function of its input: it returns files (bytes, or a stream of text
 * chunks for large populations) and never opens a file itself; `pack/`
 * writes what it returns, atomically, and hashes it for the manifest.
 */

import type { Assessment } from "../assess/schema.js";
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import type { FrameworkCatalog } from "../catalogs/schema.js";
import type { Thresholds } from "../config/schema.js";
import type { Plan } from "../plan/plan.js";
import type { Snapshot } from "../snapshot/schema.js";

export const REPORT_KINDS = ["gap", "evidence", "attack"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** An earlier run to compare with (the gap report's "changes since last run"). */
export interface PreviousRun {
  snapshot: Snapshot;
  assessment: Assessment;
  /** Where it came from, as shown in reports (a folder name, never a machine path). */
  label: string;
}

/** One earlier run of a scheduled job, for trend charts. */
export interface RunTrendPoint {
  collected_at: string;
  /** Techniques at or above the gap threshold, and all assessed; null when ATT&CK was not assessed. */
  attack_covered: number | null;
  attack_total: number | null;
  /** Passing controls per framework id, and all controls. */
  controls_passing: Readonly<Record<string, number>>;
  controls_total: Readonly<Record<string, number>>;
}

/** Handlebars templates by name (`cover`, `gap-intro`, …), already read from report-templates/ or a user's folder. */
export type TemplateSources = Readonly<Record<string, string>>;

export interface ReportInput {
  kind: ReportKind;
  snapshot: Snapshot;
  assessment: Assessment;
  /** Catalogs of the assessed frameworks (for titles, parents, presentation). */
  catalogs: readonly FrameworkCatalog[];
  attack: AttackCatalog | null;
  thresholds: Thresholds;
  templates: TemplateSources;
  previous: PreviousRun | null;
  /**
   * Reads a population file written beside the snapshot (e.g. `signals.jsonl`)
   * line by line; null when the snapshot has no such file. Renderers stream
   * populations through this instead of opening files.
   */
  openPopulation(name: string): AsyncIterable<string> | null;
  /** Earlier runs of the same scheduled job, oldest first (empty outside the scheduler). */
  history: readonly RunTrendPoint[];
  /** Tool and catalog versions, for covers and manifests. */
  versions: Readonly<Record<string, string>>;
  /** SHA-256 of each applied mapping, by framework id (mapping-digests.ts), for the OSCAL results' method. */
  mappingDigests: Readonly<Record<string, string>>;
  /** The ranked next actions (`ddproof plan`), for the gap report; absent or null in other packs. */
  plan?: Plan | null;
}

/** One file of a report, by its path relative to the pack folder (forward slashes). */
export type RenderedFile =
  | { path: string; bytes: Uint8Array }
  | { path: string; text: string }
  /** Large files (populations) are produced in chunks so memory stays bounded. */
  | { path: string; chunks: () => AsyncIterable<string> };

export interface ReportFormat {
  /** e.g. `pdf-evidence`, `controls-csv`, `attack-layer`. */
  readonly id: string;
  /** The report kinds this format contributes to. */
  readonly kinds: readonly ReportKind[];
  /** One line: what the file is and who reads it. */
  readonly description: string;
  render(input: ReportInput): Promise<RenderedFile[]>;
}
