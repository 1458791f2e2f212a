/** A fleet gap pack's next actions: each org's own ranked actions (its `ddproof plan`), under the org's name. */
import type { FleetAssessment } from "../schema.js";
import { type OrgPages, orgLink } from "./cells.js";
import { html, type Markup } from "./markup.js";

export function actionsView(fleet: FleetAssessment, pages: OrgPages): Markup | null {
  if (fleet.kind !== "gap") return null;
  const orgs = fleet.orgs.map(
    (org) => html`<section class="org-actions" aria-labelledby="actions-${org.name}">
<h3 id="actions-${org.name}">${orgLink(org.name, pages)}</h3>
${
  org.top_actions.length === 0
    ? html`<p class="none">No change read from this org's evidence would raise its coverage.</p>`
    : html`<ol class="actions">${org.top_actions.map(
        (action) =>
          html`<li><code>${action.edit}</code> ${action.summary} <span class="moves">Gain ${action.gain}: ${action.techniques.length} techniques, ${action.controls.length} controls moved.</span></li>`,
      )}</ol>`
}
</section>`,
  );
  return html`<section class="fleet-section next-actions" id="actions" aria-labelledby="actions-title">
<h2 id="actions-title">Next actions by org</h2>
<p class="lead">Each org's own ranked actions: each is an edit <code>ddproof whatif</code> takes against that org's evidence.</p>
${orgs}
</section>`;
}
