/**
 * One control matrix per framework, grouped under its top-level rows with
 * the catalog's own word for them (presentation.group_label: Requirement,
 * Category, Section). Each control shows its status in words on its colour,
 * the sentence(s) behind it, its evidence references and its attestations.
 * Evidence lists are cut after a few references: populations and full lists
 * are in the pack's CSV files, named in the cell.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { AppliedAttestation, ControlResult, EvidenceRef, FrameworkResult } from "../../../assess/schema.js";
import type { FrameworkCatalog } from "../../../catalogs/schema.js";
import type { Snapshot } from "../../../snapshot/schema.js";
import { controlVerdict } from "../../control-reason.js";
import { evidenceFilesOf, evidenceRefText } from "../../evidence-refs.js";
import { controlsCsvPath } from "../../formats/controls-csv.js";
import { bookmarkTitle, outlineAnchor, outlinedHeading, outlineEntry, sectionId } from "../blocks/outline.js";
import { statusBadge } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { statusSwatch } from "../presentation.js";
import { attestationLine } from "./attestation-text.js";

/** References shown per control before the rest is left to the CSV files. */
export const MAX_EVIDENCE_LISTED = 5;
const DEFAULT_GROUP_LABEL = "Group";

export function matrixHeading(framework: Pick<FrameworkResult, "name">): string {
  return `Control matrix: ${framework.name}`;
}

function reasonCell(control: ControlResult, framework: FrameworkResult): TableCell {
  const counted = control.findings.filter((finding) => !finding.informational);
  if (control.status_from !== "own" || counted.length < 2)
    return { text: controlVerdict(control, framework).reason, style: "cell" };
  // Several checks evidence this control: show each, its status in words.
  return {
    stack: control.findings.map((finding) => ({
      text: [
        { text: `${statusSwatch(finding.status).label}${finding.informational ? " (note)" : ""}: `, bold: true },
        finding.reason,
      ],
    })),
    style: "cell",
  };
}

function uniqueRefs(control: ControlResult, framework: FrameworkResult): EvidenceRef[] {
  const refs =
    control.status_from === "own"
      ? control.findings.flatMap((finding) => finding.evidence)
      : controlVerdict(control, framework).evidence;
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = evidenceRefText(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function evidenceCell(control: ControlResult, framework: FrameworkResult, snapshot: Snapshot): TableCell {
  const refs = uniqueRefs(control, framework);
  if (refs.length === 0) return { text: "—", style: "cell", color: "#555555" };
  const lines = refs
    .slice(0, MAX_EVIDENCE_LISTED)
    .map((ref) => evidenceRefText(ref) + (ref.label === undefined ? "" : ` (${ref.label})`));
  if (refs.length > MAX_EVIDENCE_LISTED) {
    const files = [controlsCsvPath(framework), ...evidenceFilesOf(refs, snapshot)];
    lines.push(`… and ${refs.length - MAX_EVIDENCE_LISTED} more: see ${files.join(", ")}`);
  }
  return { text: lines.join("\n"), style: "cell" };
}

function attestationCell(attestations: readonly AppliedAttestation[]): TableCell {
  if (attestations.length === 0) return { text: "—", style: "cell", color: "#555555" };
  return { stack: attestations.map((attestation) => attestationLine(attestation)), style: "cell" };
}

/** Depth below the top-level row, for indentation. */
function depthOf(control: ControlResult, byId: ReadonlyMap<string, ControlResult>): number {
  let depth = 0;
  for (let parent = control.parent; parent !== null && depth < 10; parent = byId.get(parent)?.parent ?? null)
    depth += 1;
  return depth;
}

export function frameworkSectionId(framework: Pick<FrameworkResult, "id">): string {
  return sectionId("controls", framework.id);
}

function controlRow(
  control: ControlResult,
  framework: FrameworkResult,
  snapshot: Snapshot,
  place: { depth: number; group: string },
): TableCell[] {
  const label = control.label ?? control.id;
  return [
    {
      text: [{ text: label, bold: true }, `\n${control.title}`],
      style: "cell",
      margin: [Math.max(0, place.depth - 1) * 6, 0, 0, 0],
      ...outlineEntry({
        id: sectionId("control", framework.id, control.id),
        parent: place.group,
        title: bookmarkTitle(`${label} ${control.title}`),
      }),
    },
    { text: [statusBadge(control.status, 7)] },
    reasonCell(control, framework),
    evidenceCell(control, framework, snapshot),
    attestationCell(control.attestations),
  ];
}

const HEADER: TableCell[] = ["Control", "Status", "Reason", "Evidence", "Attestation"].map(
  (text): TableCell => ({ text, style: "tableHeader" }),
);

function topLevelOf(control: ControlResult, byId: ReadonlyMap<string, ControlResult>): string {
  let current = control;
  // A tree (catalogs are checked for cycles) is climbed to its top however deep; the guard stops only a cycle.
  for (let guard = 0; current.parent !== null && guard < byId.size; guard += 1)
    current = byId.get(current.parent) ?? current;
  return current.id;
}

export function controlMatrix(
  framework: FrameworkResult,
  catalog: FrameworkCatalog | undefined,
  snapshot: Snapshot,
): Content[] {
  const groupLabel = catalog?.presentation?.group_label ?? DEFAULT_GROUP_LABEL;
  const byId = new Map(framework.controls.map((control) => [control.id, control]));
  const content: Content[] = [
    { ...outlinedHeading(matrixHeading(framework), "h1", { id: frameworkSectionId(framework) }), pageBreak: "before" },
    {
      text: `${framework.name} ${framework.version}: ${framework.controls.length} controls, grouped by ${groupLabel.toLowerCase()}, in the framework's order (also in ${controlsCsvPath(framework)}).`,
      style: "note",
    },
    ...(catalog === undefined
      ? []
      : [catalog.text_policy, ...(catalog.notes ?? [])].map(
          (text): Content => ({ text, fontSize: 7, color: "#444444", margin: [0, 0, 0, 3] }),
        )),
  ];
  for (const group of framework.controls.filter((control) => control.parent === null)) {
    // A top-level row judged by its own findings (a baseline item, say) is also a row of its table, with its evidence.
    const members = framework.controls.filter(
      (control) => topLevelOf(control, byId) === group.id && (control !== group || group.status_from !== "children"),
    );
    const groupTitle = `${groupLabel} ${group.label ?? group.id}: ${group.title}`;
    const groupId = sectionId("group", framework.id, group.id);
    // The first row repeats on every page the group runs onto, so it names the framework too (a running header);
    // being repeated, it cannot carry the bookmark, which the anchor above the table holds.
    const heading: TableCell[] = [
      {
        text: [
          { text: `${framework.name} ${framework.version}  ›  `, fontSize: 7.5, color: "#333333" },
          statusBadge(group.status),
          { text: `  ${groupTitle}`, bold: true, fontSize: 9 },
          ...(group.status_from === "children"
            ? [{ text: `\n${controlVerdict(group, framework).reason}`, fontSize: 7.5, color: "#333333" }]
            : []),
        ],
        colSpan: 5,
        fillColor: "#F2F2F2",
      },
      "",
      "",
      "",
      "",
    ];
    // The heading rows repeat on every page the group runs onto.
    const body =
      members.length === 0
        ? [heading]
        : [
            heading,
            HEADER,
            ...members.map((control) =>
              controlRow(control, framework, snapshot, { depth: depthOf(control, byId), group: groupId }),
            ),
          ];
    content.push(
      outlineAnchor({ id: groupId, parent: frameworkSectionId(framework), title: bookmarkTitle(groupTitle) }),
      {
        table: {
          headerRows: members.length === 0 ? 1 : 2,
          dontBreakRows: true,
          widths: ["22%", "9%", "36%", "20%", "13%"],
          body,
        },
        layout: GRID_LAYOUT,
        margin: [0, 6, 0, 4],
      },
    );
  }
  return content;
}
