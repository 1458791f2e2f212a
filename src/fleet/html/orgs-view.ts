/** The orgs in scope: each with a link to its own pack's page, its site, collection time and completeness. */
import { formatInstant } from "../../report/pdf/report-time.js";
import type { FleetAssessment } from "../schema.js";
import { type OrgPages, orgLink } from "./cells.js";
import { html, type Markup } from "./markup.js";

export function orgsView(fleet: FleetAssessment, pages: OrgPages): Markup {
  const zone = fleet.period.timezone;
  const rows = fleet.orgs.map(
    (org) => html`<tr data-org="${org.name}">
<th scope="row">${orgLink(org.name, pages)}</th>
<td>${org.display_name ?? ""}</td>
<td>${org.site}</td>
<td>${formatInstant(org.collected_at, zone)}</td>
<td>${org.complete ? statusWord("pass", "Complete") : statusWord("fail", "Incomplete")}</td>
<td>${org.missing_evidence.length === 0 ? html`<span class="none">none</span>` : org.missing_evidence.join(", ")}</td>
<td>${org.frameworks.join(", ")}</td>
</tr>`,
  );
  return html`<section class="fleet-section" id="orgs" aria-labelledby="orgs-title">
<h2 id="orgs-title">Orgs in scope</h2>
<p class="lead">Each org's name opens its own pack's page. The fleet's statuses and scores below combine these ${fleet.orgs.length} packs.</p>
<table class="orgs">
<caption class="visually-hidden">Orgs in scope with their Datadog site, collection time and completeness</caption>
<thead><tr><th scope="col">Org</th><th scope="col">Name</th><th scope="col">Datadog site</th><th scope="col">Collected</th><th scope="col">Evidence</th><th scope="col">Missing evidence</th><th scope="col">Frameworks</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function statusWord(status: "pass" | "fail", word: string): Markup {
  return html`<span class="swatch status-${status}">${word}</span>`;
}
