/**
 * Lookups over the STIX objects read: by id, by type, and the ATT&CK rules
 * for what counts (active = neither revoked nor deprecated; ATT&CK ids come
 * from the `mitre-attack` external reference).
 */
import { formatIssuePath } from "../../errors.js";
import type { StixObject, StixObjectOf, StixOrigin, StixType } from "./stix-objects.js";

export class StixIndex {
  private readonly byId = new Map<string, StixObject>();
  private readonly byType = new Map<string, StixObject[]>();

  constructor(objects: readonly StixObject[]) {
    // STIX lets a bundle carry several versions of one object; the newest wins.
    for (const object of objects) {
      const seen = this.byId.get(object.id);
      if (seen === undefined || (object.modified ?? "") > (seen.modified ?? "")) this.byId.set(object.id, object);
    }
    for (const object of this.byId.values()) {
      const ofType = this.byType.get(object.type) ?? [];
      ofType.push(object);
      this.byType.set(object.type, ofType);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<StixObject> {
    return this.byId.values();
  }

  get<T extends StixType>(type: T, id: string): StixObjectOf<T> | undefined {
    const object = this.byId.get(id);
    return object?.type === type ? (object as StixObjectOf<T>) : undefined;
  }

  ofType<T extends StixType>(type: T): StixObjectOf<T>[] {
    return [...(this.byType.get(type) ?? [])] as StixObjectOf<T>[];
  }

  /** Active relationships of one type, e.g. `detects` or `subtechnique-of`. */
  relationships(relationshipType: string): StixObjectOf<"relationship">[] {
    return this.ofType("relationship").filter((rel) => rel.relationship_type === relationshipType && isActive(rel));
  }
}

export function isActive(object: { revoked: boolean; x_mitre_deprecated: boolean }): boolean {
  return !object.revoked && !object.x_mitre_deprecated;
}

/** The object's ATT&CK id and page (`T1110`, `TA0006`, `enterprise-attack`), if it has one. */
export function mitreReference(object: StixObject): { id: string; url: string | null } | undefined {
  const ref = object.external_references.find((r) => r.source_name === "mitre-attack" && r.external_id !== undefined);
  return ref === undefined ? undefined : { id: ref.external_id!, url: ref.url ?? null };
}

/** An error line in the house format: `file: objects[3].tactic_refs[1]: message`. */
export function describeAt(origin: StixOrigin, path: readonly PropertyKey[], message: string): string {
  return `${origin.file}: ${formatIssuePath(["objects", origin.index, ...path])}: ${message}`;
}
