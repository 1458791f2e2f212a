#!/usr/bin/env node
/**
 * Builds frameworks/pci-dss-4.0.1.json, soc2-2017.json and hipaa-security-rule.json
 * from the catalog reference data (IDs, own-words paraphrases or CFR headings,
 * monitoring relevance, source attribution).
 *
 *   node scripts/import-catalog-reference.mjs [REFERENCE_DIR]
 *
 * REFERENCE_DIR defaults to ../shared/data/catalog-reference beside the package.
 * The reference data is read only here: ddproof and its tests read frameworks/.
 * frameworks/datadog-baseline.json is ddproof's own and is edited by hand.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(PACKAGE_ROOT, "frameworks");

/** Reference item fields this importer understands; anything else stops it, so new facts are not dropped unseen. */
const KNOWN_ITEM_FIELDS = new Set([
  "id",
  "title_or_paraphrase",
  "parent",
  "kind",
  "monitoring_relevant",
  "monitoring_priority",
  "notes",
  "future_dated_until_2025_03_31",
  "superseded_by_after_2025_03_31",
  "applicability",
  "required_or_addressable",
  "tsc_category",
  "coso_principle",
  "points_of_focus_2022_count",
  // Which other tools map the control to cloud checks: not needed by ddproof.
  "cloud_check_mappings",
]);

const MAX_NOTE_LENGTH = 160;

const OWN_WORDS_POLICY = (owner, document) =>
  `Titles are ddproof's own paraphrases (17 words or fewer) written to help recognise each item; they are not ${owner} text ` +
  `and do not replace the wording of the ${document}. IDs are used only as identifiers. ` +
  `monitoring_relevant, monitoring_priority and notes are ddproof's judgement of where Datadog evidence applies, not ${owner} guidance.`;

/**
 * The reference PCI list is the monitoring subset; the catalog also carries
 * every principal requirement and the appendix rows that hold the subset, so
 * reports show the whole standard's outline. Titles are ddproof's own words.
 */
const PCI_ADDED_PARENT_TITLES = {
  1: "Network security controls govern traffic into and within the card data environment.",
  2: "Every system component runs a hardened, securely managed configuration.",
  3: "Stored account data is kept to a minimum and protected.",
  4: "Cardholder data is strongly encrypted whenever it crosses open, public networks.",
  6: "Systems and software are built and kept secure.",
  7: "Access to systems and card data is limited to those whose job needs it.",
  8: "Users are uniquely identified and their access is authenticated.",
  9: "Physical access to cardholder data is restricted.",
  11: "The security of systems and networks is tested regularly.",
  12: "Organisational policies and programmes support information security.",
  A1: "Extra requirements for multi-tenant service providers.",
  A3: "Extra validation for entities designated by card brands or acquirers (DESV).",
};
const PCI_OUTSIDE_SUBSET_NOTE = "Outside ddproof's monitoring subset: only this top-level row is listed.";

const FRAMEWORKS = [
  {
    reference: "pci-dss-4.0.1.json",
    id: "pci-dss-4.0.1",
    name: "PCI DSS",
    version: "4.0.1",
    publisher: "PCI Security Standards Council",
    text_policy: OWN_WORDS_POLICY("PCI SSC", "PCI DSS v4.0.1 standard"),
    presentation: {
      group_label: "Requirement",
      kind_labels: {
        principal_requirement: "Principal requirement",
        appendix: "Appendix",
        section: "Section",
        requirement: "Requirement",
      },
    },
    notes: (source) => [
      source.scope_note,
      "ddproof adds every principal requirement (1-12) and the Appendix A1 and A3 rows as parents; principal requirements outside the subset have no children here.",
      // The reference's own note describes its encoding of the flag; this is the catalog's.
      "Every future-dated requirement became mandatory on 31 March 2025: future_dated records history. " +
        "future_dated_scope marks requirements where only a bullet (bullet_only) or only non-service providers (non_service_providers_only) had the later date.",
    ],
    supplement: addPciParents,
  },
  {
    reference: "soc2-tsc-2017.json",
    id: "soc2-2017",
    name: "SOC 2 (Trust Services Criteria)",
    version: "2017 (points of focus 2022)",
    publisher: "AICPA",
    text_policy: `${OWN_WORDS_POLICY("AICPA", "AICPA Trust Services Criteria (TSP section 100)")} Points of focus are not reproduced, only counted.`,
    presentation: {
      group_label: "Category",
      kind_labels: { category: "Category", criterion: "Criterion" },
      attribute_labels: {
        tsc_category: "TSC category",
        coso_principle: "COSO principle",
        points_of_focus_2022_count: "Points of focus (2022)",
      },
    },
    notes: (source) => [source.monitoring_note],
  },
  {
    reference: "hipaa-security-rule.json",
    id: "hipaa-security-rule",
    name: "HIPAA Security Rule",
    version: "45 CFR 164.308–164.316",
    publisher: "U.S. Department of Health and Human Services (HHS)",
    text_policy:
      "Titles are the official headings of 45 CFR Part 164 Subpart C (US federal regulation, public domain), used unchanged. " +
      "monitoring_relevant, monitoring_priority and notes are ddproof's judgement of where Datadog evidence applies, not HHS guidance.",
    presentation: {
      group_label: "Section",
      kind_labels: {
        section: "Section",
        standard: "Standard",
        implementation_specification: "Implementation specification",
      },
    },
    notes: (source) => [source.required_addressable_note, source.pending_change, source.monitoring_note],
  },
];

function fail(message) {
  throw new Error(`import-catalog-reference: ${message}`);
}

/** "designated_entities_only (DESV)" → "designated_entities_only": one token per audience. */
function applicabilityOf(item) {
  return item.applicability?.replace(/\s*\(.*\)$/, "");
}

/** Future-dated flags are true, false, or a string naming the part that was future-dated. */
function futureDatedOf(item) {
  const flag = item.future_dated_until_2025_03_31;
  if (flag === undefined || flag === false) return {};
  if (flag === true) return { future_dated: true };
  if (flag === "bullet_only" || flag === "non_service_providers_only")
    return { future_dated: true, future_dated_scope: flag };
  fail(`${item.id}: unknown future-dated value ${JSON.stringify(flag)}`);
}

/** HIPAA standards are always required; implementation specifications carry Required or Addressable. */
function requirementTypeOf(item) {
  if (item.required_or_addressable !== undefined) return item.required_or_addressable.toLowerCase();
  return item.kind === "standard" ? "required" : undefined;
}

function attributesOf(item) {
  const attributes = {};
  for (const key of ["tsc_category", "coso_principle", "points_of_focus_2022_count"]) {
    if (item[key] !== undefined) attributes[key] = item[key];
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

function toControl(item) {
  const unknown = Object.keys(item).filter((key) => !KNOWN_ITEM_FIELDS.has(key));
  if (unknown.length > 0) fail(`${item.id}: unknown reference fields ${unknown.join(", ")}`);
  if (item.notes !== undefined && item.notes.length > MAX_NOTE_LENGTH)
    fail(`${item.id}: notes longer than ${MAX_NOTE_LENGTH} characters`);
  const control = {
    id: item.id,
    title: item.title_or_paraphrase,
    parent: item.parent,
    kind: item.kind,
    monitoring_relevant: item.monitoring_relevant,
    monitoring_priority: item.monitoring_priority,
    requirement_type: requirementTypeOf(item),
    ...futureDatedOf(item),
    applicability: applicabilityOf(item),
    superseded_by: item.superseded_by_after_2025_03_31,
    attributes: attributesOf(item),
    notes: item.notes,
  };
  return Object.fromEntries(Object.entries(control).filter(([, value]) => value !== undefined));
}

/** Document order for PCI ids: numeric segments compared as numbers, appendices after Requirement 12. */
function pciOrderKey(id) {
  return id.split(".").map((segment) => (segment.startsWith("A") ? 1000 + Number(segment.slice(1)) : Number(segment)));
}

function comparePciIds(a, b) {
  const [ka, kb] = [pciOrderKey(a.id), pciOrderKey(b.id)];
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i] - kb[i];
  }
  return ka.length - kb.length;
}

function addPciParents(controls) {
  const present = new Set(controls.map((control) => control.id));
  const missing = Object.entries(PCI_ADDED_PARENT_TITLES).filter(([id]) => !present.has(id));
  const added = missing.map(([id, title]) => {
    const descendants = controls.filter((control) => control.id.startsWith(`${id}.`));
    const control = {
      id,
      title,
      parent: null,
      kind: id.startsWith("A") ? "appendix" : "principal_requirement",
      // A parent is monitoring-relevant when anything below it is.
      monitoring_relevant: descendants.some((control) => control.monitoring_relevant),
    };
    if (descendants.length === 0) control.notes = PCI_OUTSIDE_SUBSET_NOTE;
    return control;
  });
  return [...controls, ...added].sort(comparePciIds);
}

function checkTree(id, controls) {
  const ids = new Set();
  for (const control of controls) {
    if (ids.has(control.id)) fail(`${id}: duplicate id ${control.id}`);
    ids.add(control.id);
  }
  for (const control of controls) {
    if (control.parent !== null && !ids.has(control.parent))
      fail(`${id}: ${control.id} has no parent row ${control.parent}`);
  }
}

/** One JSON object on one line, spaced like the rest of the file (strings never hold raw newlines). */
function oneLine(value) {
  return JSON.stringify(value, null, 1).replace(/\n */g, " ");
}

/** Pretty JSON with one control per line, so a change to one control is a one-line diff. */
function formatCatalog({ controls, ...header }) {
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const rows = controls.map((control) => `    ${oneLine(control)}`).join(",\n");
  return `${head},\n  "controls": [\n${rows}\n  ]\n}\n`;
}

function buildCatalog(framework, reference) {
  const { source, items } = reference;
  let controls = items.map(toControl);
  if (framework.supplement) controls = framework.supplement(controls);
  checkTree(framework.id, controls);
  const references = source.structure_verified_against ?? source.verified_against ?? [];
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    publisher: framework.publisher,
    text_policy: framework.text_policy,
    source: {
      description:
        `${source.framework}. Imported by scripts/import-catalog-reference.mjs from ddproof's catalog reference data; ` +
        "IDs and hierarchy were checked against the public repositories below (pinned commits; each entry notes its licence and use).",
      references: references.map(({ repo, path, commit, use }) => ({ repo, path, commit, use })),
    },
    presentation: framework.presentation,
    notes: framework.notes(source).filter((note) => note !== undefined),
    controls,
  };
}

async function main() {
  const referenceDir = process.argv[2]
    ? resolve(process.argv[2])
    : join(PACKAGE_ROOT, "..", "shared", "data", "catalog-reference");
  await mkdir(OUT_DIR, { recursive: true });
  for (const framework of FRAMEWORKS) {
    const reference = JSON.parse(await readFile(join(referenceDir, framework.reference), "utf8"));
    const catalog = buildCatalog(framework, reference);
    const out = join(OUT_DIR, `${framework.id}.json`);
    await writeFile(out, formatCatalog(catalog));
    console.log(`${framework.id}: ${catalog.controls.length} controls → frameworks/${framework.id}.json`);
  }
}

await main();
