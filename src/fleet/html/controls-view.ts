/**
 * The framework controls of the fleet page: per framework, the fleet's and
 * each org's count of statuses, then every control with its fleet status
 * (the worst of the assessing orgs) and each org's status beside it.
 */
import type { ControlStatus } from "../../assess/schema.js";
import { STATUS_SWATCHES } from "../../report/html/swatches.js";
import { controlDepth, orgSummary, orgsNotAssessing, WORST_OF_NOTE } from "../pdf/fleet-facts.js";
import type { FleetAssessment, FleetControl, FleetFramework } from "../schema.js";
import { NOT_ASSESSED, type OrgPages, orgHeaders, orgLink, statusSwatch } from "./cells.js";
import { html, type Markup } from "./markup.js";

function countsTable(framework: FleetFramework, index: number, pages: OrgPages): Markup {
  const row = (name: Markup | string, counts: Record<ControlStatus, number>) =>
    html`<tr><th scope="row">${name}</th>${STATUS_SWATCHES.map((swatch) => html`<td class="count-cell">${counts[swatch.status]}</td>`)}</tr>`;
  const orgRows = framework.orgs.flatMap((org) => {
    const summary = orgSummary(framework, org);
    return summary === null ? [] : [row(orgLink(org, pages), summary)];
  });
  return html`<table class="status-counts" id="framework-${index}-counts">
<caption>${framework.name}: controls by status, for the fleet and each org</caption>
<thead><tr><th scope="col">Counted for</th>${STATUS_SWATCHES.map((swatch) => html`<th scope="col"><span class="swatch status-${swatch.status}">${swatch.label}</span></th>`)}</tr></thead>
<tbody>
${row("Fleet", framework.summary)}
${orgRows}
</tbody>
</table>`;
}

function controlRow(control: FleetControl, framework: FleetFramework, orgs: readonly string[], depth: number): Markup {
  const cells = orgs.map((org) => {
    const status = control.orgs[org];
    return status === undefined
      ? html`<td class="org-status na" data-org="${org}">${NOT_ASSESSED}</td>`
      : html`<td class="org-status" data-org="${org}" data-status="${status}">${statusSwatch(status)}</td>`;
  });
  return html`<tr data-control="${framework.id}:${control.id}" class="depth-${depth}">
<th scope="row" class="control-id">${control.label ?? control.id}</th>
<td>${control.title}</td>
<td class="fleet-status" data-status="${control.status}">${statusSwatch(control.status)}</td>
${cells}
</tr>`;
}

function frameworkSection(fleet: FleetAssessment, framework: FleetFramework, index: number, pages: OrgPages): Markup {
  const orgs = fleet.orgs.map((org) => org.name);
  const byId = new Map(framework.controls.map((control) => [control.id, control]));
  const missing = orgsNotAssessing(fleet, framework.orgs);
  return html`<section class="framework" id="framework-${index}" aria-labelledby="framework-${index}-title">
<h3 id="framework-${index}-title">${framework.name} ${framework.version}</h3>
${missing.length === 0 ? "" : html`<p class="note">Not assessed by ${missing.join(", ")}: their columns are empty.</p>`}
${countsTable(framework, index, pages)}
<div class="table-scroll" tabindex="0" role="region" aria-label="${framework.name} controls, one column per org; scrolls sideways when the window is narrow">
<table class="controls fleet-controls">
<caption class="visually-hidden">${framework.name} ${framework.version}: each control's fleet status and each org's status</caption>
<thead><tr><th scope="col">Control</th><th scope="col">Title</th><th scope="col">Fleet</th>${orgHeaders(orgs, pages)}</tr></thead>
<tbody>
${framework.controls.map((control) => controlRow(control, framework, orgs, controlDepth(control, byId, 3)))}
</tbody>
</table>
</div>
</section>`;
}

export function controlsView(fleet: FleetAssessment, pages: OrgPages): Markup {
  const body =
    fleet.frameworks.length === 0
      ? html`<p class="unavailable">No framework was assessed in this fleet.</p>`
      : html`<nav class="framework-index" aria-label="Frameworks">
<ul>${fleet.frameworks.map((framework, i) => html`<li><a href="#framework-${i}">${framework.name} ${framework.version}</a></li>`)}</ul>
</nav>
${fleet.frameworks.map((framework, i) => frameworkSection(fleet, framework, i, pages))}`;
  return html`<section class="fleet-section" id="frameworks" aria-labelledby="frameworks-title">
<h2 id="frameworks-title">Framework controls</h2>
<p class="lead">${WORST_OF_NOTE} Each org's name opens its own pack's page.</p>
${body}
</section>`;
}
