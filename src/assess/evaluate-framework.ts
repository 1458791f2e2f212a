/**
 * Assesses one framework: every control of its catalog, in catalog order.
 * A control with a mapping is judged by its checks; a parent without one
 * rolls up its children; any other control is `manual` with "no automated
 * evidence mapped". Attestations apply last (control-attestations.ts).
 */
import type { FrameworkCatalog, FrameworkControl } from "../catalogs/schema.js";
import type { Snapshot } from "../snapshot/schema.js";
import { type Attestation, attestationsFor } from "./attestations.js";
import type { CheckContext } from "./check-contract.js";
import { checkModule } from "./checks/index.js";
import { applyAttestationsToFindings, statusAfterAttestations } from "./control-attestations.js";
import type { MappingEntry } from "./mapping-schema.js";
import { formatMessage } from "./message-format.js";
import { rollUp, summarize } from "./rollup.js";
import { runCheck, toFinding } from "./run-check.js";
import type { ControlResult, ControlStatus, Finding, FrameworkResult } from "./schema.js";

const NO_MAPPING = "No automated evidence mapped; needs a person's attestation";

export function unmappedFinding(): Finding {
  return {
    check: "manual",
    status: "manual",
    reason: formatMessage(NO_MAPPING, {}),
    evidence: [],
    message_id: "noMapping",
    data: {},
    reason_code: "attestation_missing",
    rationale: null,
    informational: false,
  };
}

function runEntry(entry: MappingEntry, snapshot: Snapshot, ctx: CheckContext): Finding {
  const module = checkModule(entry.kind);
  // Mapping files are validated against the registry when they are read.
  if (module === undefined) throw new Error(`mapping uses unregistered check kind "${entry.kind}"`);
  return toFinding(module, runCheck(module, entry.params, snapshot, ctx), entry.rationale);
}

export interface FrameworkInput {
  catalog: FrameworkCatalog;
  /** Control id → checks; controls absent here are unmapped. */
  mapping: Record<string, MappingEntry[]>;
  attestations: readonly Attestation[];
  snapshot: Snapshot;
  ctx: CheckContext;
}

export function evaluateFramework({ catalog, mapping, attestations, snapshot, ctx }: FrameworkInput): FrameworkResult {
  const children = new Map<string, FrameworkControl[]>();
  for (const control of catalog.controls) {
    if (control.parent !== null) children.set(control.parent, [...(children.get(control.parent) ?? []), control]);
  }
  const results = new Map<string, ControlResult>();

  // Children first, so a parent can roll them up; the catalog loader has ruled out cycles.
  const evaluate = (control: FrameworkControl): ControlResult => {
    const done = results.get(control.id);
    if (done !== undefined) return done;
    const entries = mapping[control.id];
    const kids = children.get(control.id) ?? [];
    const applied = attestationsFor(attestations, catalog.id, control.id, snapshot);

    let findings: Finding[];
    let status: ControlStatus;
    let statusFrom: ControlResult["status_from"];
    if (entries === undefined && kids.length > 0) {
      findings = applyAttestationsToFindings([], applied);
      status = rollUp(kids.map((kid) => evaluate(kid).status));
      statusFrom = "children";
    } else {
      const own = entries === undefined ? [unmappedFinding()] : entries.map((entry) => runEntry(entry, snapshot, ctx));
      findings = applyAttestationsToFindings(own, applied);
      status = rollUp(findings.filter((finding) => !finding.informational).map((finding) => finding.status));
      statusFrom = "own";
    }
    const attested = statusAfterAttestations(status, applied);
    const result: ControlResult = {
      id: control.id,
      ...(control.label === undefined ? {} : { label: control.label }),
      title: control.title,
      parent: control.parent,
      monitoring_relevant: control.monitoring_relevant,
      status: attested,
      status_from: attested === status ? statusFrom : "attestation",
      findings,
      attestations: applied,
    };
    results.set(control.id, result);
    return result;
  };

  const controls = catalog.controls.map(evaluate);
  return {
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    summary: summarize(controls.map((control) => control.status)),
    controls,
  };
}
