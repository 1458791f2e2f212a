/**
 * gap-report.pdf, the nightly read: the cover facts, gap counts by typed
 * reason and by framework, what changed since the previous run (when one is
 * given), the next actions (ranked by `ddproof plan`), then every gap,
 * framework by framework.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportInput } from "../contract.js";
import { gapsOf } from "../gaps.js";
import { cover } from "./blocks/cover.js";
import { reportDocument } from "./document.js";
import { frameworkNames } from "./framework-names.js";
import { actionsSection } from "./gap/actions-section.js";
import { changesSection } from "./gap/changes-section.js";
import { gapTable } from "./gap/gap-table.js";
import { frameworkSummary, reasonSummary } from "./gap/reason-summary.js";
import { narrative, narrativeContext } from "./narrative.js";

export const SUMMARY_HEADING = "Gaps by reason";
export const ALL_GAPS_HEADING = "Every gap";

export function buildGapReport(input: ReportInput): TDocumentDefinitions {
  const context = narrativeContext({ ...input, kind: "gap" });
  const gaps = gapsOf(input.assessment);
  const names = frameworkNames(input.assessment);
  const perFramework = [...names].flatMap(([id, name]): Content[] => {
    const own = gaps.filter((gap) => gap.framework === id);
    return [
      { text: `${name} (${own.length})`, style: "h2" },
      own.length === 0 ? { text: "No gaps.", style: "narrative" } : gapTable(own, { framework: null }),
    ];
  });
  return reportDocument(
    input,
    {
      title: context.report.title,
      subject: "Security monitoring gaps with typed reasons, and changes since the previous run",
      pageSize: "A4",
      orientation: "portrait",
    },
    [
      ...cover(input, context),
      ...narrative(input, context, "gap-intro"),
      { text: SUMMARY_HEADING, style: "h1", pageBreak: "before" },
      reasonSummary(gaps),
      { text: "Gaps by framework", style: "h2" },
      frameworkSummary(gaps, names),
      ...changesSection(input, context),
      ...actionsSection(input),
      { text: ALL_GAPS_HEADING, style: "h1", pageBreak: "before" },
      ...perFramework,
    ],
  );
}
