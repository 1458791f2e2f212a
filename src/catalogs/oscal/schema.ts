/**
 * The part of an OSCAL 1.x catalog (JSON) the importer reads: metadata for
 * the catalog header, groups and controls with their ids, titles, classes
 * and props. Everything else (parts, params, links, back-matter) is allowed
 * and ignored, so objects are loose; what is read is checked, so a broken
 * file fails with the file and the path of the first bad field.
 */
import { z } from "zod";

/** OSCAL's token type: ids and classes start with a letter or `_`. */
const Token = z.string().regex(/^[\p{L}_][\p{L}\p{N}_.-]*$/u, "expected an OSCAL token (a letter or _, then letters, digits, '.', '-' or '_')");

export const OscalProp = z.looseObject({
  name: Token,
  value: z.string(),
  class: Token.optional(),
  ns: z.string().optional(),
});
export type OscalProp = z.infer<typeof OscalProp>;

/** Only a part's id and name are read (to find the assessment objective); its prose is not copied. */
export const OscalPart = z.looseObject({ id: Token.optional(), name: Token });

export const OscalControl = z.looseObject({
  id: Token,
  class: Token.optional(),
  title: z.string().min(1),
  props: z.array(OscalProp).optional(),
  parts: z.array(OscalPart).optional(),
  /** Enhancements (800-53) or any nested controls. */
  get controls() {
    return z.array(OscalControl).optional();
  },
});
export type OscalControl = z.infer<typeof OscalControl>;

/** OSCAL lets a group go without an id; a group becomes a parent row, so ddproof needs one. */
export const OscalGroup = z.looseObject({
  id: Token,
  class: Token.optional(),
  title: z.string().min(1),
  props: z.array(OscalProp).optional(),
  get groups() {
    return z.array(OscalGroup).optional();
  },
  controls: z.array(OscalControl).optional(),
});
export type OscalGroup = z.infer<typeof OscalGroup>;

const OscalParty = z.looseObject({ uuid: z.string(), type: z.string(), name: z.string().min(1).optional() });

export const OscalMetadata = z.looseObject({
  title: z.string().min(1),
  version: z.string().min(1),
  "last-modified": z.string().min(1),
  "oscal-version": z.string().min(1),
  parties: z.array(OscalParty).optional(),
  "responsible-parties": z.array(z.looseObject({ "role-id": Token, "party-uuids": z.array(z.string()) })).optional(),
});
export type OscalMetadata = z.infer<typeof OscalMetadata>;

export const OscalCatalog = z.looseObject({
  uuid: z.string().min(1),
  metadata: OscalMetadata,
  groups: z.array(OscalGroup).optional(),
  controls: z.array(OscalControl).optional(),
});
export type OscalCatalog = z.infer<typeof OscalCatalog>;

/** The document: `{ "catalog": … }`. A resolved baseline profile is published in this form. */
export const OscalCatalogDocument = z.looseObject({ catalog: OscalCatalog });
export type OscalCatalogDocument = z.infer<typeof OscalCatalogDocument>;
