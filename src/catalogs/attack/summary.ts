/**
 * The figures people check after an import (and the README's sanity
 * numbers): how many tactics, active techniques and sub-techniques, and how
 * many techniques ATT&CK gives at least one log source.
 */
import type { AttackCatalog } from "./schema.js";

export interface AttackCatalogFigures {
  tactics: number;
  techniques: number;
  subtechniques: number;
  /** Revoked or deprecated entries, kept in the catalog but flagged. */
  inactive: number;
  /** Entries (active or not) with at least one log source. */
  withLogSources: number;
}

export function attackCatalogFigures(catalog: AttackCatalog): AttackCatalogFigures {
  const active = catalog.techniques.filter((technique) => !technique.revoked && !technique.deprecated);
  return {
    tactics: catalog.tactics.length,
    techniques: active.filter((technique) => !technique.is_subtechnique).length,
    subtechniques: active.filter((technique) => technique.is_subtechnique).length,
    inactive: catalog.techniques.length - active.length,
    withLogSources: catalog.techniques.filter((technique) => technique.log_sources.length > 0).length,
  };
}

/** One line: `ATT&CK Enterprise 18.1: 14 tactics, 216 techniques + 475 sub-techniques active, …`. */
export function describeAttackCatalog(catalog: AttackCatalog): string {
  const figures = attackCatalogFigures(catalog);
  return (
    `ATT&CK ${catalog.domain} ${catalog.version}: ${figures.tactics} tactics, ` +
    `${figures.techniques} techniques + ${figures.subtechniques} sub-techniques active ` +
    `(${figures.inactive} revoked or deprecated kept), ` +
    `${figures.withLogSources} with log sources (${catalog.log_source_model} model)`
  );
}
