/**
 * report.html from a report input: the views (ATT&CK matrix, frameworks,
 * gaps and changes), the JSON data the script reads, the stylesheet and the
 * script, and a Content-Security-Policy that allows exactly those inline
 * blocks. A pure function of the input and the templates: the same input
 * gives the same bytes.
 */
import Handlebars from "handlebars";
import type { ReportInput, ReportKind } from "../contract.js";
import { narrativeContext } from "../pdf/narrative.js";
import { withShippedTemplates } from "../template-loader.js";
import { actionsView } from "./actions-view.js";
import { attackSection } from "./attack-view.js";
import { type ControlData, controlData, frameworkSections } from "./framework-view.js";
import { changesView, gapsView } from "./gaps-view.js";
import { checkInlineAsset, contentSecurityPolicy, normaliseNewlines, scriptSafeJson } from "./inline-assets.js";
import { SCORE_SWATCHES, STATUS_SWATCHES } from "./swatches.js";
import type { TechniqueDetail } from "./technique-details.js";
import {
  HTML_SCRIPT_FILE,
  HTML_STYLE_FILE,
  HTML_TEMPLATES,
  htmlTemplateKey,
  htmlTemplatesOf,
  renderHtmlPage,
  renderHtmlStyle,
} from "./templates.js";
import { trendView } from "./trend-chart.js";

export const HTML_VIEWS = ["attack", "frameworks", "gaps"] as const;
export type HtmlView = (typeof HTML_VIEWS)[number];

/** The view a pack's reader came for opens first; the others are a tab away. */
export const INITIAL_VIEW: Record<ReportKind, HtmlView> = { attack: "attack", evidence: "frameworks", gap: "gaps" };

const VIEW_LABELS: Record<HtmlView, string> = {
  attack: "ATT&CK matrix",
  frameworks: "Frameworks",
  gaps: "Gaps and changes",
};

/** The JSON data block: what the script needs to filter, search and open details. */
export interface ReportData {
  initial_view: HtmlView;
  attack: null | {
    gap_below: number;
    scores: Array<{ score: number; label: string; meaning: string }>;
    techniques: TechniqueDetail[];
  };
  controls: ControlData[];
}

/** Our own blocks, inserted as they are; values from the data never take this path. */
const verbatim = (text: string) => new Handlebars.SafeString(text);

export async function renderHtmlReport(input: ReportInput): Promise<string> {
  const templates = htmlTemplatesOf(await withShippedTemplates(input.templates, HTML_TEMPLATES));
  const attack = attackSection(input);
  const frameworks = frameworkSections(input);
  const initial = INITIAL_VIEW[input.kind];
  const data: ReportData = {
    initial_view: initial,
    attack:
      attack.view === null
        ? null
        : {
            gap_below: attack.view.gap_below,
            scores: SCORE_SWATCHES.map(({ score, label, meaning }) => ({ score, label, meaning })),
            techniques: attack.details,
          },
    controls: controlData(frameworks),
  };

  const style = normaliseNewlines(renderHtmlStyle(templates, { scores: SCORE_SWATCHES, statuses: STATUS_SWATCHES }));
  checkInlineAsset(style, "style", htmlTemplateKey(HTML_STYLE_FILE));
  const script = normaliseNewlines(templates.script);
  checkInlineAsset(script, "script", htmlTemplateKey(HTML_SCRIPT_FILE));

  return renderHtmlPage(templates, {
    facts: narrativeContext(input),
    kind: input.kind,
    views: HTML_VIEWS.map((id) => ({ id, label: VIEW_LABELS[id], initial: id === initial })),
    attack: attack.view,
    attack_unavailable: attack.unavailable,
    frameworks,
    statuses: STATUS_SWATCHES,
    gaps: gapsView(input, attack.view !== null),
    actions: actionsView(input),
    changes: changesView(input, attack.view !== null),
    trend: trendView(input),
    versions: Object.entries(input.versions).map(([name, version]) => ({ name, version })),
    csp: contentSecurityPolicy({ style, script }),
    assets: { style: verbatim(style), script: verbatim(script), data: verbatim(scriptSafeJson(data)) },
  });
}
