/**
 * The fleet page's stylesheet: report.html's own (the shipped template or
 * the user's override in `html/style.css.hbs`, rendered with the same score
 * and status colours), so both pages look and print alike, followed by the
 * few rules only the fleet page needs.
 */
import type { TemplateSources } from "../../report/contract.js";
import { checkInlineAsset, normaliseNewlines } from "../../report/html/inline-assets.js";
import { SCORE_SWATCHES, STATUS_SWATCHES } from "../../report/html/swatches.js";
import {
  HTML_STYLE_FILE,
  HTML_TEMPLATES,
  htmlTemplateKey,
  htmlTemplatesOf,
  renderHtmlStyle,
} from "../../report/html/templates.js";
import { withShippedTemplates } from "../../report/template-loader.js";

const FLEET_RULES = `
/* The fleet page. */
.fleet-section { margin-bottom: 2rem; }
.fleet-index ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; margin: 0; }
.fleet-index { background: var(--panel); border-bottom: 1px solid var(--border); padding: 0.5rem 1.5rem; }
/* Long tables scroll inside their own box, so their header row (org names) stays in view, also
   when a matrix cell jumps to a technique's row (which then stops below the header). */
.table-scroll { overflow: auto; max-height: 80vh; }
.table-scroll tbody tr { scroll-margin-top: 3rem; }
th.org { text-align: center; white-space: nowrap; font-size: 0.8rem; }
td.org-status, td.org-score, td.fleet-status, td.fleet-score, td.count-cell { text-align: center; }
.not-assessed { color: var(--muted); }
a.cell { text-decoration: none; }
a.cell:hover .cell-name, a.cell:focus-visible .cell-name { text-decoration: underline; }
.cell-orgs { display: block; font-size: 0.66rem; }
.technique-scores tr.sub th { padding-left: 1.5rem; font-weight: 400; }
.technique-scores tr:target > * { background: #fff1c2; }
.technique-scores tr:target { outline: 2px solid #8a5a00; }
.notice { color: var(--muted); font-size: 0.8rem; }
@media print {
  .fleet-index { display: none; }
  .table-scroll { overflow: visible; max-height: none; }
  th.org { white-space: normal; }
}
`;

export async function fleetStylesheet(templates: TemplateSources): Promise<string> {
  const html = htmlTemplatesOf(await withShippedTemplates(templates, HTML_TEMPLATES));
  const base = renderHtmlStyle(html, { scores: SCORE_SWATCHES, statuses: STATUS_SWATCHES });
  const style = normaliseNewlines(base + FLEET_RULES);
  checkInlineAsset(style, "style", htmlTemplateKey(HTML_STYLE_FILE));
  return style;
}
