/**
 * The cells report.html's fleet page repeats: a status or score in words
 * (or digits) on its colour, the mark of an org that does not assess
 * something, and an org's name as a link to its own pack's page (beside the
 * fleet pack, `../<org>/report.html`, unless the pack's writer says where;
 * org names are lower-case letters, digits and dashes, so the path needs no
 * escaping beyond the HTML's).
 */
import type { ControlStatus } from "../../assess/schema.js";
import { scoreLabel, statusLabel } from "../../report/html/swatches.js";
import { html, type Markup } from "./markup.js";

export function statusSwatch(status: ControlStatus): Markup {
  return html`<span class="swatch status-${status}">${statusLabel(status)}</span>`;
}

/** The digit on its colour; `withLabel` adds the rung's name (the fleet's own score). */
export function scoreSwatch(score: number, withLabel = false): Markup {
  return html`<span class="swatch score-${score}">${score}${withLabel ? ` ${scoreLabel(score)}` : ""}</span>`;
}

export const NOT_ASSESSED = html`<span class="not-assessed" aria-hidden="true">—</span><span class="visually-hidden">not assessed</span>`;

/** Where each org's own report.html is, relative to the fleet's. */
export type OrgPages = (org: string) => string;

/** The layout of `pack --all-orgs` and `merge`: each org's pack beside the fleet pack. */
export const SIBLING_ORG_PAGES: OrgPages = (org) => `../${org}/report.html`;

export function orgLink(org: string, pages: OrgPages): Markup {
  return html`<a href="${pages(org)}">${org}</a>`;
}

/** Column headers, one per org, each a link to the org's page. */
export function orgHeaders(orgs: readonly string[], pages: OrgPages): Markup[] {
  return orgs.map((org) => html`<th scope="col" class="org">${orgLink(org, pages)}</th>`);
}
