/**
 * The narrative text of the PDF reports: the template variables made from a
 * ReportInput, and templates rendered into pdfmake paragraphs.
 *
 * Templates render to plain text with escaping off: pdfmake prints text as
 * given, so HTML escaping would show "&amp;" in the PDF. Blank lines separate
 * paragraphs; a paragraph whose lines all start with "- " becomes a list.
 */
import type { Content } from "pdfmake/interfaces.js";
import { COLLECTOR_IDS } from "../../snapshot/schema.js";
import type { ReportInput } from "../contract.js";
import { gapsOf } from "../gaps.js";
import { type NarrativeContext, renderTemplate, type TemplateName } from "../templates.js";
import { SCORE_SWATCHES } from "./presentation.js";
import { formatInstant, periodDays } from "./report-time.js";

export const REPORT_TITLES: Record<ReportInput["kind"], string> = {
  evidence: "Audit evidence pack",
  gap: "Gap report",
  attack: "MITRE ATT&CK coverage heatmap",
};

function attackFigures(input: ReportInput, techniqueGaps: number): NarrativeContext["attack"] {
  const attack = input.assessment.attack;
  if (attack === null) return null;
  const subTechniques = attack.techniques.filter((technique) => technique.parent !== null).length;
  return {
    version: attack.version,
    techniques: attack.techniques.length - subTechniques,
    sub_techniques: subTechniques,
    gaps: techniqueGaps,
    gap_below: attack.gap_below,
    by_score: SCORE_SWATCHES.map((swatch) => ({
      score: swatch.score,
      label: swatch.label,
      count: attack.techniques.filter((technique) => technique.parent === null && technique.score === swatch.score)
        .length,
    })),
  };
}

export function narrativeContext(input: ReportInput): NarrativeContext {
  const { snapshot, assessment, thresholds } = input;
  const zone = snapshot.period.timezone;
  const parts = COLLECTOR_IDS.map((id) => ({ id, part: snapshot.collectors[id] }));
  const missing = parts.filter(({ part }) => part.status === "error").map(({ id }) => id);
  const gaps = gapsOf(assessment);
  const controlGaps = gaps.filter((gap) => gap.subject === "control");
  return {
    report: { kind: input.kind, title: REPORT_TITLES[input.kind] },
    company: snapshot.org.name ?? snapshot.org.site,
    org: { name: snapshot.org.name, site: snapshot.org.site },
    period: {
      label: snapshot.period.label,
      from: formatInstant(snapshot.period.from, zone),
      to: formatInstant(snapshot.period.to, zone),
      timezone: zone,
      days: periodDays(snapshot.period),
    },
    collected_at: formatInstant(snapshot.collected_at, zone),
    tool_version: snapshot.tool.version,
    complete: missing.length === 0,
    missing_collectors: missing,
    collectors: {
      total: parts.length,
      ok: parts.length - missing.length,
      failed: missing.length,
      requests: parts.reduce((sum, { part }) => sum + part.requests, 0),
      retries: parts.reduce((sum, { part }) => sum + part.retries, 0),
    },
    frameworks: assessment.frameworks.map((framework) => ({
      id: framework.id,
      name: framework.name,
      version: framework.version,
      controls: framework.controls.length,
      counts: framework.summary,
      gaps: controlGaps.filter((gap) => gap.framework === framework.id).length,
    })),
    attack: attackFigures(input, gaps.length - controlGaps.length),
    thresholds: {
      attack_gap_below: thresholds.attack_gap_below,
      triage_sla_minutes: {
        critical: thresholds.triage_sla_minutes.critical,
        high: thresholds.triage_sla_minutes.high,
      },
    },
    gaps: { total: gaps.length, controls: controlGaps.length, techniques: gaps.length - controlGaps.length },
    previous:
      input.previous === null
        ? null
        : { label: input.previous.label, collected_at: formatInstant(input.previous.snapshot.collected_at, zone) },
  };
}

const BULLET = /^-\s+/;

/** Plain text → paragraphs and lists. */
export function textBlocks(text: string): Content[] {
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0)
    .map((lines): Content => {
      if (lines.every((line) => BULLET.test(line)))
        return { ul: lines.map((line) => line.replace(BULLET, "")), style: "narrative" };
      return { text: lines.join(" "), style: "narrative" };
    });
}

/** Renders one template for the PDF. */
export function narrative(input: ReportInput, context: NarrativeContext, name: TemplateName): Content[] {
  return textBlocks(renderTemplate(input.templates, name, context, { escape: false }));
}
