/**
 * Every attestation and risk acceptance the assessment applied, in one
 * table: who vouched, when, until when, and whether it still counts. An
 * expired one is flagged in words on the fail colour.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { ATTACK_FRAMEWORK_ID } from "../../../assess/attestations.js";
import type { AppliedAttestation, Assessment } from "../../../assess/schema.js";
import { outlinedHeading, sectionId } from "../blocks/outline.js";
import { swatchText } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { frameworkNames } from "../framework-names.js";
import { statusSwatch } from "../presentation.js";
import { ATTESTATION_STATE_LABELS, ATTESTATION_TYPE_LABELS } from "./attestation-text.js";

export const ATTESTATIONS_HEADING = "Attestations and risk acceptances";

interface AttestationRow {
  framework: string;
  id: string;
  attestation: AppliedAttestation;
}

const STATE_STATUS = { active: "pass", expired: "fail", not_yet_valid: "unknown" } as const;

export function attestationRows(assessment: Assessment): AttestationRow[] {
  const names = frameworkNames(assessment);
  const controls = assessment.frameworks.flatMap((framework) =>
    framework.controls.flatMap((control) =>
      control.attestations.map((attestation) => ({ framework: framework.name, id: control.id, attestation })),
    ),
  );
  const techniques = (assessment.attack?.techniques ?? []).flatMap((technique) =>
    technique.attestations.map((attestation) => ({
      framework: names.get(ATTACK_FRAMEWORK_ID) ?? ATTACK_FRAMEWORK_ID,
      id: technique.id,
      attestation,
    })),
  );
  return [...controls, ...techniques];
}

function row({ framework, id, attestation }: AttestationRow): TableCell[] {
  return [
    { text: framework, style: "cell" },
    { text: id, style: "cell", bold: true },
    { text: ATTESTATION_TYPE_LABELS[attestation.type], style: "cell" },
    { text: attestation.owner, style: "cell" },
    { text: attestation.date, style: "cell" },
    { text: attestation.expires, style: "cell" },
    swatchText(
      statusSwatch(STATE_STATUS[attestation.state]),
      ATTESTATION_STATE_LABELS[attestation.state].toUpperCase(),
    ),
    { text: [attestation.reason, ...attestation.links.map((link) => `\n${link}`)], style: "cell" },
  ];
}

export function attestationsSection(assessment: Assessment): Content[] {
  const rows = attestationRows(assessment);
  // Portrait again after the landscape heatmap page.
  const content: Content[] = [
    {
      ...outlinedHeading(ATTESTATIONS_HEADING, "h1", { id: sectionId("attestations") }),
      pageBreak: "before",
      pageOrientation: "portrait",
    },
  ];
  if (rows.length === 0) {
    content.push({ text: "No attestations or risk acceptances were recorded for this run.", style: "narrative" });
    return content;
  }
  const expired = rows.filter((entry) => entry.attestation.state === "expired").length;
  content.push({
    text: `${rows.length} recorded; ${expired} expired (an expired attestation no longer counts and its control falls back to its evidence or to manual).`,
    style: "note",
  });
  const header: TableCell[] = [
    "Framework",
    "Control",
    "Type",
    "Owner",
    "Date",
    "Expires",
    "State",
    "Reason and links",
  ].map((text): TableCell => ({ text, style: "tableHeader" }));
  content.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ["11%", "7%", "9%", "14%", "10%", "10%", "11%", "28%"],
      body: [header, ...rows.map(row)],
    },
    layout: GRID_LAYOUT,
  });
  return content;
}
