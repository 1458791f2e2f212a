/**
 * report.html is safe to open: every value is escaped (an injection probe in
 * a rule name and a control reason stays text, in the markup and in the JSON
 * data block), the Content-Security-Policy allows exactly the inline blocks
 * the file carries, and nothing points outside the file except relative
 * links into the pack.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { scriptSafeJson } from "../../../src/report/html/inline-assets.js";
import type { ReportData } from "../../../src/report/html/page.js";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import { htmlInput, PROBED_CONTROL, probeInput, REASON_PROBE, RULE_PROBE } from "./fixtures/html-input.js";
import {
  contentSecurityPolicy,
  dataBlockText,
  decodeEntities,
  executableScripts,
  scriptBlocks,
  styleBlocks,
} from "./fixtures/html-parts.js";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("escaping", () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtmlReport(probeInput("evidence"));
  });

  it("prints the probe rule name as text in the technique table, never as a tag", () => {
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; (fired)");
  });

  it("prints the probe control reason as text in the control table", () => {
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    // Only the data block and the page script: the reason opened no element.
    expect(scriptBlocks(html)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it("keeps both probes inside the JSON data block, escaped, and they parse back unchanged", () => {
    const text = dataBlockText(html);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain("\\u003cimg src=x onerror=alert(1)\\u003e");
    expect(text).toContain(
      "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028 done",
    );
    const data = JSON.parse(text) as ReportData;
    const brute = data.attack!.techniques.find((technique) => technique.id === "T1110")!;
    expect(brute.rules.map((rule) => rule.name)).toContain(RULE_PROBE);
    expect(data.controls.find((control) => control.id === PROBED_CONTROL)!.reason).toBe(REASON_PROBE);
  });

  it("makes JSON that parses to the same value for every character it escapes", () => {
    const value = { text: "<>&\u2028\u2029</script><!--", list: ["a&b"] };
    expect(JSON.parse(scriptSafeJson(value))).toEqual(value);
    expect(scriptSafeJson(value)).toBe(
      '{"text":"\\u003c\\u003e\\u0026\\u2028\\u2029\\u003c/script\\u003e\\u003c!--","list":["a\\u0026b"]}',
    );
  });
});

describe("Content-Security-Policy", () => {
  let html: string;
  let policy: string;
  beforeAll(async () => {
    html = await renderHtmlReport(htmlInput("attack"));
    policy = contentSecurityPolicy(html);
  });

  it("is the first thing in <head>, before any inline block", () => {
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf("<style"));
  });

  it("allows nothing to load and only the hashed blocks to run", () => {
    const directives = new Map(
      policy.split(/;\s*/).map((directive) => [directive.split(" ")[0]!, directive.split(" ").slice(1)]),
    );
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("img-src")).toEqual(["data:"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'none'"]);
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/https?:|\*/);
  });

  it("hashes exactly the one stylesheet and the one script the page carries", () => {
    const styles = styleBlocks(html);
    const scripts = executableScripts(html);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(policy).toContain(`style-src ${sha256(styles[0]!)};`);
    expect(policy).toContain(`script-src ${sha256(scripts[0]!.text)};`);
  });

  it("needs no inline style attribute or event handler, which the policy would block", () => {
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});

describe("references", () => {
  /** Every URL in the file: href and src attributes, and url( in the stylesheet. */
  function references(html: string): string[] {
    const attributes = [...html.matchAll(/\s(?:href|src|xlink:href|action|poster|srcset)="([^"]*)"/gi)].map((match) =>
      decodeEntities(match[1]!),
    );
    const urls = [...html.matchAll(/url\(\s*['"]?([^'")]*)/gi)].map((match) => match[1]!);
    return [...attributes, ...urls];
  }

  const ALLOWED = [/^#[A-Za-z][\w-]*$/, /^populations\/[a-z-]+\.csv$/, /^data:/];

  for (const kind of ["evidence", "gap", "attack"] as const) {
    it(`${kind}: points only at its own anchors, the pack's population files and data: URIs`, async () => {
      const html = await renderHtmlReport(htmlInput(kind));
      const found = references(html);
      expect(found.length).toBeGreaterThan(0);
      for (const reference of found)
        expect(
          ALLOWED.some((pattern) => pattern.test(reference)),
          reference,
        ).toBe(true);
      // Every in-page link has its target.
      for (const anchor of found.filter((reference) => reference.startsWith("#"))) {
        expect(html, anchor).toContain(`id="${anchor.slice(1)}"`);
      }
    });
  }

  it("links evidence to the population files only in the evidence pack, which holds them", async () => {
    const links = (html: string) =>
      new Set(references(html).filter((reference) => reference.startsWith("populations/")));
    expect(links(await renderHtmlReport(htmlInput("evidence")))).toEqual(new Set(["populations/log-sources.csv"]));
    expect(links(await renderHtmlReport(htmlInput("gap")))).toEqual(new Set());
    expect(links(await renderHtmlReport(htmlInput("attack")))).toEqual(new Set());
  });
});
