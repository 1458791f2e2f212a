/**
 * Datadog log search syntax: parse a query, print it back, and derive the log
 * sources a detection rule's query depends on. Grammar and choices: README.md.
 */
export type { AndNode, NotNode, OrNode, QueryNode, RangeBound, RangeNode, TermNode } from "./ast.js";
export { matchesRecord, type RecordLookup } from "./match.js";
export { parseLogQuery } from "./parse.js";
export { printLogQuery } from "./print.js";
export { type SourcesResult, sourceMatches, sourcesOfNode, sourcesOfQuery } from "./sources.js";
export { QuerySyntaxError } from "./syntax-error.js";
