/**
 * The fleet's report.html rendered directly from a fleet fixture and read
 * back: each control's fleet status and every org's beside it, the matrix
 * scored by the weakest org with each cell leading to the row of per-org
 * scores, links to each org's own page and nothing else outside the file,
 * no script, a policy that allows only its stylesheet, escaping, and the
 * page structure the org page's accessibility rests on.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { FleetReportInput } from "../../src/fleet/contract.js";
import { FLEET_HTML_FILE, format as fleetHtml } from "../../src/fleet/formats/fleet-html.js";
import { NO_ATTACK, NO_CATALOG, techniqueRowId } from "../../src/fleet/html/attack-view.js";
import { cspHash } from "../../src/report/html/inline-assets.js";
import { fleetFixture, HIPAA, ODD_DISPLAY_NAME, PCI } from "../helpers/fleet-fixture.js";
import {
  contentSecurityPolicy,
  decodeEntities,
  executableScripts,
  styleBlocks,
} from "../report/html/fixtures/html-parts.js";

async function render(input: FleetReportInput): Promise<string> {
  const files = await fleetHtml.render(input);
  expect(files.map((file) => file.path)).toEqual([FLEET_HTML_FILE]);
  const [file] = files;
  if (file === undefined || !("text" in file)) throw new Error("fleet-html did not return text");
  return file.text;
}

/** The table row opened by `<tr ATTR="VALUE"`, up to its end. */
function row(html: string, attribute: string, value: string): string {
  const start = html.indexOf(`<tr ${attribute}="${value}"`);
  if (start < 0) throw new Error(`no row ${attribute}="${value}"`);
  return html.slice(start, html.indexOf("</tr>", start));
}

/** `data-org` → `data-status` (or `data-score`) of a row's org cells; "" for an org that does not assess it. */
function orgCells(rowHtml: string, value: "status" | "score"): Record<string, string> {
  return Object.fromEntries(
    [
      ...rowHtml.matchAll(
        new RegExp(`<td class="org-${value}( na)?" data-org="([^"]+)"(?: data-${value}="([^"]+)")?`, "g"),
      ),
    ].map((match) => [match[2]!, match[3] ?? ""]),
  );
}

describe("the fleet's report.html", () => {
  let input: FleetReportInput;
  let html: string;

  beforeAll(async () => {
    input = await fleetFixture({ kind: "gap" });
    html = await render(input);
  });

  it("shows every control's fleet status and each org's status beside it, none where an org does not assess", () => {
    const orgs = input.fleet.orgs.map((org) => org.name);
    for (const framework of input.fleet.frameworks) {
      for (const control of framework.controls) {
        const cells = row(html, "data-control", `${framework.id}:${control.id}`);
        expect(cells).toContain(`<td class="fleet-status" data-status="${control.status}">`);
        expect(orgCells(cells, "status")).toEqual(
          Object.fromEntries(orgs.map((org) => [org, control.orgs[org] ?? ""])),
        );
      }
    }
    expect(orgCells(row(html, "data-control", `${PCI}:10.2.1`), "status")).toEqual({
      "ap-south": "pass",
      "eu-west": "fail",
      "us-east": "partial",
    });
    const hipaa = row(html, "data-control", `${HIPAA}:164.312(b)`);
    expect(hipaa).toContain('data-status="manual"');
    expect(hipaa).toContain(
      '<td class="org-status na" data-org="ap-south"><span class="not-assessed" aria-hidden="true">—</span><span class="visually-hidden">not assessed</span>',
    );
  });

  it("scores the matrix by the weakest org, each cell leading to its technique's per-org scores", () => {
    const cells = [...html.matchAll(/<a class="cell score-(\d)" href="#([^"]+)">/g)];
    const topLevel = input.fleet.attack!.techniques.filter((technique) => technique.parent === null);
    // A technique sits under each of its tactics.
    expect(cells).toHaveLength(topLevel.reduce((sum, technique) => sum + technique.tactics.length, 0));
    const byId = new Map(input.fleet.attack!.techniques.map((technique) => [technique.id, technique]));
    for (const [, score, target] of cells) {
      const technique = byId.get(target!.replace(/^technique-/, ""))!;
      expect(Number(score)).toBe(technique.score);
      expect(html).toContain(`<tr id="${target}"`);
    }
    const orgs = input.fleet.orgs.map((org) => org.name);
    for (const technique of input.fleet.attack!.techniques) {
      const scores = row(html, "id", techniqueRowId(technique.id));
      expect(scores).toContain(`<td class="fleet-score" data-score="${technique.score}">`);
      expect(orgCells(scores, "score")).toEqual(
        Object.fromEntries(orgs.map((org) => [org, String(technique.orgs[org])])),
      );
    }
    expect(orgCells(row(html, "id", techniqueRowId("T1110")), "score")).toEqual({
      "ap-south": "4",
      "eu-west": "1",
      "us-east": "3",
    });
    expect(html).toMatch(
      /href="#technique-T1110"><span class="cell-score">1 Visibility only<\/span> <span class="cell-id">T1110<\/span> <span class="cell-name">Brute Force<\/span> <span class="cell-orgs">weakest: eu-west<\/span>/,
    );
  });

  it("links to each org's own page and to nothing else outside the file", () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => decodeEntities(match[1]!));
    for (const org of input.fleet.orgs) expect(hrefs).toContain(`../${org.name}/report.html`);
    const outside = hrefs.filter(
      (href) => !href.startsWith("#") && href !== "data:," && !/^\.\.\/[a-z0-9-]+\/report\.html$/.test(href),
    );
    expect(outside).toEqual([]);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<link(?![^>]*href="data:,")/);
  });

  it("runs no script and allows only its own stylesheet", () => {
    expect(executableScripts(html)).toEqual([]);
    const styles = styleBlocks(html);
    expect(styles).toHaveLength(1);
    const policy = contentSecurityPolicy(html);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src ${cspHash(styles[0]!)}`);
    expect(policy).toContain("script-src 'none'");
    // The org page's score and status colours, and the fleet's own rules.
    expect(styles[0]).toContain(".score-5 {");
    expect(styles[0]).toContain(".status-fail {");
    expect(styles[0]).toContain("a.cell {");
  });

  it("escapes every value and keeps the structure the org page's accessibility rests on", () => {
    expect(html).toContain("APAC &lt;South&gt; &amp; Partners");
    expect(html).not.toContain(ODD_DISPLAY_NAME);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main" tabindex="-1">');
    const tables = html.match(/<table\b/g)!.length;
    expect(html.match(/<caption\b/g)).toHaveLength(tables);
    // Every header cell says what it heads.
    expect(html.match(/<th(?![^>]*scope="(col|row)")[ >]/g)).toBeNull();
    // Sections are labelled by their headings, and each id is used once.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(ids).toContain(target);
    expect(html).toContain("Evidence is incomplete</strong> in 1 of 3 orgs: eu-west (signals)");
  });

  it("lists each org's next actions in a gap pack, and is the same bytes for the same fleet", async () => {
    expect(html).toContain('<h2 id="actions-title">Next actions by org</h2>');
    expect(html).toContain("<code>--enable-rule eu-west-rule-1</code>");
    expect(await render(await fleetFixture({ kind: "gap" }))).toBe(html);
    const evidence = await render(await fleetFixture());
    expect(evidence).not.toContain('id="actions"');
  });
});

describe("the fleet's report.html without ATT&CK", () => {
  it("keeps the per-org scores without the catalog, and says so when no org assessed ATT&CK", async () => {
    const input = await fleetFixture();
    const noCatalog = await render({ ...input, attack: null });
    expect(decodeEntities(noCatalog)).toContain(NO_CATALOG);
    expect(noCatalog).not.toContain('id="matrix"');
    expect(noCatalog).toContain(`<tr id="${techniqueRowId("T1110")}"`);
    const none = await render({ ...input, fleet: { ...input.fleet, attack: null } });
    expect(decodeEntities(none)).toContain(NO_ATTACK);
    expect(none).not.toContain('<table class="technique-scores">');
  });
});
