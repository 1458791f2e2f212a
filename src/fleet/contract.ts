/**
 * The contract between the fleet pack writer and the fleet formats, like
 * report/contract.ts for an org's pack: a fleet format is a pure function of
 * the fleet assessment and returns files; `fleet/` writes and hashes them.
 */
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import type { RenderedFile, TemplateSources } from "../report/contract.js";
import type { FleetAssessment } from "./schema.js";

export interface FleetReportInput {
  fleet: FleetAssessment;
  /** Handlebars templates by name, as for an org's pack (report/template-loader.ts). */
  templates: TemplateSources;
  /** Tool and catalog versions, for covers and the manifest. */
  versions: Readonly<Record<string, string>>;
  /**
   * The ATT&CK catalog of `fleet.catalogs["mitre-attack"]`, as ReportInput.attack: tactic names
   * and matrix order come only from it. Absent or null, the views show no tactic view.
   */
  attack?: AttackCatalog | null;
  /**
   * Where each org's report.html is, relative to the fleet's (default: beside the fleet pack,
   * `../<org>/report.html`). A scheduled job keeps each org's history apart, so it says where.
   */
  orgPages?: (org: string) => string;
}

export interface FleetFormat {
  /** e.g. `fleet-pdf`, `fleet-controls-csv`. */
  readonly id: string;
  /** The pack kinds this format contributes to (the org packs' kind). */
  readonly kinds: readonly FleetAssessment["kind"][];
  /** One line: what the file is and who reads it. */
  readonly description: string;
  render(input: FleetReportInput): Promise<RenderedFile[]>;
}
