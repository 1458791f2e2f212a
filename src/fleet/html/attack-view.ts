/**
 * The fleet's ATT&CK matrix: one column per tactic in the catalog's matrix
 * order, each top-level technique a cell coloured and labelled by its
 * weakest org's score, naming that org. A cell is a link to the technique's
 * row in the table below, which shows each org's score (the drill-down, with
 * no script: it works offline, by keyboard, and in print). Sub-techniques
 * are rows of that table too.
 */
import type { AttackCatalog } from "../../catalogs/attack/schema.js";
import { SCORE_SWATCHES } from "../../report/html/swatches.js";
import { compareIds } from "../../report/id-order.js";
import { techniquesByTactic } from "../../report/pdf/blocks/heatmap-grid.js";
import { WEAKEST_NOTE } from "../pdf/fleet-facts.js";
import type { FleetAssessment, FleetAttack, FleetTechnique } from "../schema.js";
import { NOT_ASSESSED, type OrgPages, orgHeaders, scoreSwatch } from "./cells.js";
import { html, type Markup } from "./markup.js";

export const NO_ATTACK = "No org assessed MITRE ATT&CK, so the fleet has no ATT&CK view.";
export const NO_CATALOG =
  "The ATT&CK catalog was not given to this report, so the matrix cannot be drawn; the table below still lists every technique's scores.";

/** The anchor of a technique's row in the score table. */
export function techniqueRowId(id: string): string {
  return `technique-${id}`;
}

/** `weakest: eu-west`, or a count when many orgs share the weakest score. */
function weakestText(technique: FleetTechnique): string {
  const orgs = technique.weakest_orgs;
  return orgs.length <= 2 ? `weakest: ${orgs.join(", ")}` : `weakest: ${orgs.length} orgs`;
}

function matrix(attack: FleetAttack, catalog: AttackCatalog): Markup {
  const columns = techniquesByTactic(catalog.tactics, attack.techniques);
  const tactics = catalog.tactics.map((tactic, i) => {
    const cells = columns[i] ?? [];
    return html`<section class="tactic" data-tactic="${tactic.shortname}" aria-labelledby="tactic-${tactic.shortname}">
<h3 id="tactic-${tactic.shortname}" class="tactic-name">${tactic.name} <span class="tactic-count">${cells.length} techniques</span></h3>
<ul class="cells">
${cells.map(
  (technique) =>
    html`<li class="cell-item" data-technique="${technique.id}"><a class="cell score-${technique.score}" href="#${techniqueRowId(technique.id)}"><span class="cell-score">${technique.score} ${SCORE_SWATCHES[technique.score]?.label ?? ""}</span> <span class="cell-id">${technique.id}</span> <span class="cell-name">${technique.name}</span> <span class="cell-orgs">${weakestText(technique)}</span></a></li>`,
)}
</ul>
</section>`;
  });
  return html`<div class="matrix-scroll" tabindex="0" role="region" aria-label="ATT&amp;CK matrix, one column per tactic; scrolls sideways when the window is narrow">
<div class="matrix" id="matrix">
${tactics}
</div>
</div>`;
}

function scoreRow(technique: FleetTechnique, orgs: readonly string[]): Markup {
  const cells = orgs.map((org) => {
    const score = technique.orgs[org];
    return score === undefined
      ? html`<td class="org-score na" data-org="${org}">${NOT_ASSESSED}</td>`
      : html`<td class="org-score" data-org="${org}" data-score="${score}">${scoreSwatch(score)}</td>`;
  });
  return html`<tr id="${techniqueRowId(technique.id)}" data-technique="${technique.id}"${technique.parent === null ? "" : html` class="sub"`}>
<th scope="row">${technique.id}</th>
<td>${technique.name}</td>
<td class="fleet-score" data-score="${technique.score}">${scoreSwatch(technique.score, true)}</td>
<td>${technique.weakest_orgs.join(", ")}</td>
${cells}
</tr>`;
}

function scoreTable(attack: FleetAttack, orgs: readonly string[], pages: OrgPages): Markup {
  const techniques = [...attack.techniques].sort((a, b) => compareIds(a.id, b.id));
  return html`<h3 id="scores-by-org">Every technique's score in each org</h3>
<div class="table-scroll" tabindex="0" role="region" aria-label="Techniques and sub-techniques, one column per org; scrolls sideways when the window is narrow">
<table class="technique-scores">
<caption class="visually-hidden">Each technique and sub-technique: the weakest org's score, the weakest orgs, and each org's score</caption>
<thead><tr><th scope="col">ID</th><th scope="col">Technique</th><th scope="col">Fleet (weakest)</th><th scope="col">Weakest orgs</th>${orgHeaders(orgs, pages)}</tr></thead>
<tbody>
${techniques.map((technique) => scoreRow(technique, orgs))}
</tbody>
</table>
</div>`;
}

export function attackView(fleet: FleetAssessment, catalog: AttackCatalog | null, pages: OrgPages): Markup {
  const attack = fleet.attack;
  const heading = html`<h2 id="attack-title">MITRE ATT&amp;CK coverage</h2>`;
  const wrap = (body: Markup) =>
    html`<section class="fleet-section" id="attack" aria-labelledby="attack-title">
${heading}
${body}
</section>`;
  if (attack === null) return wrap(html`<p class="unavailable">${NO_ATTACK}</p>`);
  const orgs = fleet.orgs.map((org) => org.name);
  const legend = html`<ul class="legend" aria-label="What the scores mean">
${SCORE_SWATCHES.map((swatch) => html`<li><span class="swatch score-${swatch.score}">${swatch.score} ${swatch.label}</span> ${swatch.meaning}</li>`)}
</ul>`;
  return wrap(html`<p class="lead">ATT&amp;CK ${attack.version}. ${WEAKEST_NOTE} Techniques scoring below ${attack.gap_below} are gaps. Select a technique to see each org's score.</p>
${legend}
${catalog === null ? html`<p class="unavailable">${NO_CATALOG}</p>` : matrix(attack, catalog)}
${scoreTable(attack, orgs, pages)}
${catalog === null ? "" : html`<p class="notice">${catalog.notice}</p>`}`);
}
