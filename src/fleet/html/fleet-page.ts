/**
 * The fleet pack's report.html: one self-contained page, like an org's
 * (report/html/): the orgs in scope with links to their own pages, each
 * framework's controls with the fleet status and each org's beside it, the
 * ATT&CK matrix scored by the weakest org with each org's score a click
 * away, and in a gap pack each org's next actions. It loads nothing and
 * runs no script: the policy allows only its own stylesheet, by hash.
 * Every value is escaped (markup.ts); the same fleet gives the same bytes.
 */
import { contentSecurityPolicy } from "../../report/html/inline-assets.js";
import { formatInstant, periodText } from "../../report/pdf/report-time.js";
import type { FleetReportInput } from "../contract.js";
import { FLEET_TITLES, fleetName } from "../pdf/fleet-facts.js";
import type { FleetAssessment } from "../schema.js";
import { actionsView } from "./actions-view.js";
import { attackView } from "./attack-view.js";
import { SIBLING_ORG_PAGES } from "./cells.js";
import { controlsView } from "./controls-view.js";
import { fleetStylesheet } from "./fleet-style.js";
import { html, type Markup, verbatim } from "./markup.js";
import { orgsView } from "./orgs-view.js";

function header(fleet: FleetAssessment, title: string): Markup {
  const incomplete = fleet.orgs.filter((org) => !org.complete);
  const warning =
    incomplete.length === 0
      ? ""
      : html`<p class="warning" role="note"><strong>Evidence is incomplete</strong> in ${incomplete.length} of ${fleet.orgs.length} orgs: ${incomplete.map((org, i) => html`${i === 0 ? "" : "; "}${org.name} (${org.missing_evidence.join(", ")})`)}. Their controls that need the missing evidence are <em>unknown</em>, and their ATT&amp;CK scores are lower bounds.</p>`;
  return html`<header class="report-header">
<h1>${title}: ${fleetName(fleet)}</h1>
<dl class="facts">
<div><dt>Period</dt><dd>${periodText(fleet.period)}</dd></div>
<div><dt>Evidence collected</dt><dd>${formatInstant(fleet.collected_at, fleet.period.timezone)} (the latest org's)</dd></div>
<div><dt>Orgs</dt><dd>${fleet.orgs.map((org) => org.name).join(", ")}</dd></div>
</dl>
${warning}
</header>`;
}

function index(fleet: FleetAssessment): Markup {
  const links: Array<[string, string]> = [
    ["orgs", "Orgs in scope"],
    ["frameworks", "Framework controls"],
    ["attack", "MITRE ATT&CK coverage"],
    ...(fleet.kind === "gap" ? [["actions", "Next actions by org"] as [string, string]] : []),
  ];
  return html`<nav class="fleet-index" aria-label="Sections">
<ul>${links.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul>
</nav>`;
}

export async function renderFleetPage(input: FleetReportInput): Promise<string> {
  const { fleet } = input;
  const pages = input.orgPages ?? SIBLING_ORG_PAGES;
  const title = FLEET_TITLES[fleet.kind];
  const style = await fleetStylesheet(input.templates);
  const versions = Object.entries(input.versions).map(
    ([name, version], i) => `${i === 0 ? "" : ", "}${name} ${version}`,
  );
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ style, script: null })}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${title}: ${fleetName(fleet)}, ${fleet.period.label}</title>
<link rel="icon" href="data:,">
<style>${verbatim(style)}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to the report</a>
${header(fleet, title)}
${index(fleet)}
<main id="main" tabindex="-1">
${orgsView(fleet, pages)}
${controlsView(fleet, pages)}
${attackView(fleet, input.attack ?? null, pages)}
${actionsView(fleet, pages) ?? ""}
</main>
<footer class="report-footer">
<p>Made by ${versions}. Every figure comes from the org packs this fleet pack combines; the file needs no network and loads nothing.</p>
</footer>
</body>
</html>
`.text;
}
