/**
 * gap-report.pdf, the nightly read: the cover facts, gap counts by typed
 * reason and by framework, what changed since the previous run (when one is
 * given), the next actions (ranked by `ddproof plan`), then every gap,
 * framework by framework.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportInput } from "../contract.js";
import { type Gap, gapsOf } from "../gaps.js";
import { cover } from "./blocks/cover.js";
import { outlinedHeading, sectionId } from "./blocks/outline.js";
import { reportDocument } from "./document.js";
import { frameworkNames } from "./framework-names.js";
import { actionsSection } from "./gap/actions-section.js";
import { changesSection } from "./gap/changes-section.js";
import { gapTable } from "./gap/gap-table.js";
import { frameworkSummary, reasonSummary } from "./gap/reason-summary.js";
import { narrative, narrativeContext } from "./narrative.js";

export const SUMMARY_HEADING = "Gaps by reason";
export const ALL_GAPS_HEADING = "Every gap";

export function gapSectionId(framework: string): string {
  return sectionId("gaps", framework);
}

const SUMMARY_ID = sectionId("summary");
const ALL_GAPS_ID = sectionId("all-gaps");

/** Counts by reason and by framework, each framework linking to its gaps. */
function summarySection(gaps: readonly Gap[], names: ReadonlyMap<string, string>): Content[] {
  return [
    { ...outlinedHeading(SUMMARY_HEADING, "h1", { id: SUMMARY_ID }), pageBreak: "before" },
    reasonSummary(gaps),
    { text: "Gaps by framework", style: "h2" },
    frameworkSummary(gaps, names, gapSectionId),
  ];
}

/** Every gap, framework by framework: a bookmark per framework and per gap, the framework repeated on continuation pages. */
function allGapsSection(gaps: readonly Gap[], names: ReadonlyMap<string, string>): Content[] {
  const perFramework = [...names].flatMap(([id, name]): Content[] => {
    const own = gaps.filter((gap) => gap.framework === id);
    return [
      outlinedHeading(`${name} (${own.length})`, "h2", { id: gapSectionId(id), parent: ALL_GAPS_ID }),
      own.length === 0
        ? { text: "No gaps.", style: "narrative" }
        : gapTable(own, { framework: null, running: `Gaps: ${name}`, outlineParent: gapSectionId(id) }),
    ];
  });
  return [{ ...outlinedHeading(ALL_GAPS_HEADING, "h1", { id: ALL_GAPS_ID }), pageBreak: "before" }, ...perFramework];
}

export function buildGapReport(input: ReportInput): TDocumentDefinitions {
  const context = narrativeContext({ ...input, kind: "gap" });
  const gaps = gapsOf(input.assessment);
  const names = frameworkNames(input.assessment);
  // Sections in reading order; each starts on a new page with its own bookmark. A new section goes in this list.
  const sections: Content[][] = [
    summarySection(gaps, names),
    changesSection(input, context),
    actionsSection(input),
    allGapsSection(gaps, names),
  ];
  return reportDocument(
    input,
    {
      title: context.report.title,
      subject: "Security monitoring gaps with typed reasons, and changes since the previous run",
      pageSize: "A4",
      orientation: "portrait",
    },
    [...cover(input, context), ...narrative(input, context, "gap-intro"), ...sections.flat()],
  );
}
