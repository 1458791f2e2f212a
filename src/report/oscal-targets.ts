/**
 * What the OSCAL assessment results point at, per framework. A catalog
 * imported from OSCAL (its `oscal` origin set) is referenced by the source's
 * own ids: `reviewed-controls` lists its real control ids (`au-2`,
 * `si-4.2`, not its group rows) and findings target each control's
 * assessment objective (`au-2_obj`). Any other catalog has no OSCAL ids, so
 * its rows are named by ddproof tokens (oscal-ids.ts).
 */
import type { FrameworkResult } from "../assess/schema.js";
import type { FrameworkCatalog } from "../catalogs/schema.js";
import { oscalToken } from "./oscal-ids.js";

/** Attribute the OSCAL importer (src/catalogs/oscal) gives each control: its assessment-objective part id. */
const OBJECTIVE_ATTRIBUTE = "oscal_objective";

export interface OscalTargets {
  /** `include-controls` control ids, in catalog order. */
  reviewedControls: string[];
  /** The finding target id of a control row. */
  targetOf(controlId: string): string;
}

export function oscalTargets(framework: FrameworkResult, catalog: FrameworkCatalog | undefined): OscalTargets {
  const origin = catalog?.oscal;
  if (catalog === undefined || origin === undefined) {
    return {
      reviewedControls: framework.controls.map((control) => oscalToken(framework.id, control.id)),
      targetOf: (controlId) => oscalToken(framework.id, controlId),
    };
  }
  const rows = new Map(catalog.controls.map((control) => [control.id, control]));
  const isControl = (controlId: string) => origin.control_kinds.includes(rows.get(controlId)?.kind ?? "");
  return {
    reviewedControls: framework.controls.filter((control) => isControl(control.id)).map((control) => control.id),
    targetOf: (controlId) => {
      const objective = rows.get(controlId)?.attributes?.[OBJECTIVE_ATTRIBUTE];
      // Group rows are not OSCAL controls: they keep a ddproof token.
      if (!isControl(controlId)) return oscalToken(framework.id, controlId);
      return typeof objective === "string" ? objective : controlId;
    },
  };
}
