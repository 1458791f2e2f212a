#!/usr/bin/env node
/**
 * Imports real Datadog API responses, recorded by Datadog's own integration
 * tests, into test/fixtures/datadog-recordings/ as contract fixtures for the
 * collectors. Runs only on a developer's machine that has the source
 * repositories as git directories (bare or not); tests never need them.
 *
 *   node scripts/import-recordings.mjs \
 *     --typescript <git dir of DataDog/datadog-api-client-typescript> \
 *     --terraform  <git dir of DataDog/terraform-provider-datadog>
 *
 * Only recorded exchanges are written: the request (method, path, query,
 * body) and the response (status, content type, body), with provenance
 * (repository, commit, path, recording date from the cassette's freeze file)
 * and the licence id. Each source's LICENSE (and NOTICE) is copied beside the
 * fixtures. A body is trimmed only by dropping whole list items, and the
 * fixture says how many were dropped and why. The script refuses to write a
 * fixture whose request or body carries anything that looks like a key.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { RECORDINGS, SOURCES } from "./recordings-catalog.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "test", "fixtures", "datadog-recordings");

function parseArgs(argv) {
  const dirs = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]?.replace(/^--/, "");
    if (!flag || !(flag in SOURCES) || !argv[i + 1]) {
      console.error(
        `usage: import-recordings.mjs ${Object.keys(SOURCES)
          .map((s) => `--${s} <git dir>`)
          .join(" ")}`,
      );
      process.exit(2);
    }
    dirs[flag] = argv[i + 1];
  }
  for (const source of Object.keys(SOURCES)) {
    if (!dirs[source]) {
      console.error(`import-recordings: --${source} <git dir> is required`);
      process.exit(2);
    }
  }
  return dirs;
}

/** A clone's working folder or its (or a bare mirror's) git directory. */
const gitDir = (dir) => (existsSync(join(dir, ".git")) ? join(dir, ".git") : dir);
const git = (dir, ...args) =>
  execFileSync("git", ["--git-dir", gitDir(dir), ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
const show = (dir, commit, path) => git(dir, "show", `${commit}:${path}`);

// ------------------------------------------------------------ cassette readers

/** Polly.js HAR (the TypeScript client): `<folder>/recording.har` + `<folder>/frozen.json`. */
function readPolly(dir, commit, folder) {
  const har = JSON.parse(show(dir, commit, `${folder}/recording.har`));
  const recordedAt = JSON.parse(show(dir, commit, `${folder}/frozen.json`));
  const exchanges = har.log.entries.map((entry) => ({
    method: entry.request.method,
    url: entry.request.url,
    body: entry.request.postData?.text ?? null,
    status: entry.response.status,
    contentType: entry.response.content?.mimeType ?? null,
    responseText: entry.response.content?.text ?? "",
    requestHeaderNames: entry.request.headers.map((h) => h.name.toLowerCase()),
  }));
  return { exchanges, recordedAt, files: [`${folder}/recording.har`, `${folder}/frozen.json`] };
}

/** go-vcr YAML (the Terraform provider): `<name>.yaml` + `<name>.freeze`. */
function readVcr(dir, commit, base) {
  const doc = parseYaml(show(dir, commit, `${base}.yaml`));
  const recordedAt = show(dir, commit, `${base}.freeze`).trim();
  const exchanges = doc.interactions.map((interaction) => ({
    method: interaction.request.method,
    url: interaction.request.url,
    body: interaction.request.body || null,
    status: interaction.response.code,
    contentType: (interaction.response.headers?.["Content-Type"] ?? [])[0] ?? null,
    responseText: interaction.response.body ?? "",
    requestHeaderNames: Object.keys(interaction.request.headers ?? {}).map((name) => name.toLowerCase()),
  }));
  return { exchanges, recordedAt, files: [`${base}.yaml`, `${base}.freeze`] };
}

const READERS = { polly: readPolly, vcr: readVcr };

// ------------------------------------------------------------------- checks

const AUTH_HEADERS = new Set(["dd-api-key", "dd-application-key", "authorization", "cookie", "x-dd-api-key"]);
/** Strings that would be a leaked credential in a fixture. */
const SECRET_PATTERNS = [/dd-api-key/i, /dd-application-key/i, /\bBearer\s+[A-Za-z0-9._-]{20,}/, /\bpub[0-9a-f]{32}\b/];

function assertNoSecrets(label, text) {
  for (const pattern of SECRET_PATTERNS) {
    if (pattern.test(text)) throw new Error(`${label}: matches ${pattern}; refusing to write it`);
  }
}

/** The body as JSON when it round-trips byte for byte, else as the exact text. */
function bodyFields(text) {
  if (text === "") return { body: null };
  try {
    const parsed = JSON.parse(text);
    if (JSON.stringify(parsed) === text.replace(/\n$/, "")) return { body: parsed };
  } catch {
    // not JSON: kept as text
  }
  return { body_text: text };
}

function splitUrl(url) {
  const parsed = new URL(url);
  const query = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  return { path: parsed.pathname, query };
}

function trimItems(exchange, trim) {
  const parsed = JSON.parse(exchange.responseText);
  const items = parsed[trim.key];
  const kept = items.filter((item, index) => trim.keep(item, index, items));
  parsed[trim.key] = kept;
  return {
    text: JSON.stringify(parsed),
    note: {
      list: trim.key,
      items_recorded: items.length,
      items_kept: kept.length,
      why: trim.why,
      serialised:
        "the shortened body is written with JSON.stringify: every kept value is unchanged, but an escape such as \\u0026 is written as its character and a number such as 1.0 as 1",
    },
  };
}

// ------------------------------------------------------------------- import

async function importRecording(recording, dirs, heads) {
  const source = SOURCES[recording.source];
  const dir = dirs[recording.source];
  const commit = heads[recording.source];
  const { exchanges, recordedAt, files } = READERS[source.format](dir, commit, recording.cassette);
  const matching = exchanges.filter(
    (exchange) =>
      exchange.method === recording.method &&
      recording.path.test(new URL(exchange.url).pathname) &&
      exchange.status >= 200 &&
      exchange.status < 300,
  );
  // A cassette often repeats the same exchange (a provider re-reads state); keep the first of each.
  const seen = new Set();
  const distinct = matching.filter((exchange) => {
    const key = `${exchange.method} ${exchange.url} ${exchange.body ?? ""} ${exchange.responseText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const chosen = distinct.filter((exchange, index) => (recording.pick ? recording.pick(exchange, index) : true));
  if (chosen.length === 0)
    throw new Error(`${recording.endpoint}/${recording.name}: no matching exchange in ${recording.cassette}`);
  const trims = [];
  const written = chosen.map((exchange, index) => {
    const label = `${recording.endpoint}/${recording.name}#${index}`;
    for (const name of exchange.requestHeaderNames) {
      if (AUTH_HEADERS.has(name)) throw new Error(`${label}: the recording kept the ${name} header`);
    }
    const trim = recording.trim?.find((candidate) => candidate.exchange === index);
    let responseText = exchange.responseText;
    if (trim) {
      const trimmed = trimItems(exchange, trim);
      responseText = trimmed.text;
      trims.push({ exchange: index, ...trimmed.note });
    }
    assertNoSecrets(label, `${exchange.url}\n${exchange.body ?? ""}\n${responseText}`);
    const { path, query } = splitUrl(exchange.url);
    return {
      request: {
        method: exchange.method,
        path,
        query,
        ...(exchange.body === null ? { body: null } : bodyFields(exchange.body)),
      },
      response: {
        status: exchange.status,
        headers: exchange.contentType ? { "content-type": exchange.contentType } : {},
        ...bodyFields(responseText),
      },
    };
  });
  const fixture = {
    endpoint: recording.endpoint,
    name: recording.name,
    about: recording.about,
    provenance: {
      repository: source.repository,
      commit,
      paths: files,
      recorded_at: recordedAt,
      licence: source.licence,
      licence_file: source.licenceFile,
    },
    trimmed: trims,
    exchanges: written,
  };
  const file = join(OUT, recording.endpoint, `${recording.name}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(fixture, null, 2)}\n`);
  return { file, exchanges: written.length };
}

async function copyLicences(dirs, heads) {
  for (const [id, source] of Object.entries(SOURCES)) {
    for (const [from, to] of Object.entries(source.legalFiles)) {
      await writeFile(join(OUT, to), show(dirs[id], heads[id], from));
    }
  }
}

const dirs = parseArgs(process.argv.slice(2));
const heads = Object.fromEntries(Object.keys(SOURCES).map((id) => [id, git(dirs[id], "rev-parse", "HEAD").trim()]));
for (const endpoint of new Set(RECORDINGS.map((recording) => recording.endpoint))) {
  await rm(join(OUT, endpoint), { recursive: true, force: true });
}
await mkdir(OUT, { recursive: true });
await copyLicences(dirs, heads);
for (const recording of RECORDINGS) {
  const { file, exchanges } = await importRecording(recording, dirs, heads);
  console.log(`${file.slice(ROOT.length + 1)}: ${exchanges} exchange(s)`);
}
