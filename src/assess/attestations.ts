/**
 * attestations.yaml: what a person vouches for where the API shows nothing
 * (evidence), and recorded decisions (risk acceptance, not applicable). Each
 * names one control, or an ATT&CK technique under framework `mitre-attack`.
 *
 * Validity is judged at the snapshot's collection time, never the wall
 * clock, so re-running an old snapshot gives the same answer: an attestation
 * counts from its `date` through its `expires` day (both in the period's time
 * zone); an expired one no longer counts and is flagged.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import type { FrameworkCatalog } from "../catalogs/schema.js";
import { CatalogId } from "../catalogs/schema.js";
import type { Snapshot } from "../snapshot/schema.js";
import { dataFileError } from "./data-file-errors.js";
import { type AppliedAttestation, AttestationType } from "./schema.js";

export const ATTACK_FRAMEWORK_ID = "mitre-attack";

const NonEmpty = z.string().trim().min(1);
const IsoDay = z.iso.date({ message: "expected a date such as 2026-07-01" });

export const Attestation = z
  .object({
    // A catalog id, checked here: the loader looks for `<framework>.json`, and a name such as `../x` must never reach a path.
    control: z.object({ framework: CatalogId, id: NonEmpty }).strict(),
    type: AttestationType,
    owner: NonEmpty,
    reason: NonEmpty,
    date: IsoDay,
    expires: IsoDay,
    links: z.array(NonEmpty).default([]),
  })
  .strict()
  .refine((attestation) => attestation.expires >= attestation.date, {
    path: ["expires"],
    message: "expected a date on or after `date`",
  });
export type Attestation = z.infer<typeof Attestation>;

export const AttestationsFile = z.array(Attestation);

/** Throws an InputError for an attestation naming a framework or control that does not exist. */
export function checkAttestationTargets(
  attestations: readonly Attestation[],
  catalogs: readonly FrameworkCatalog[],
  attack: AttackCatalog | null,
  file: string,
): void {
  attestations.forEach((attestation, i) => {
    const { framework, id } = attestation.control;
    let ids: Set<string>;
    if (framework === ATTACK_FRAMEWORK_ID) {
      if (attack === null) throw dataFileError(file, [i, "control", "framework"], "the ATT&CK catalog is not loaded");
      ids = new Set(attack.techniques.map((technique) => technique.id));
    } else {
      const catalog = catalogs.find((candidate) => candidate.id === framework);
      if (catalog === undefined) {
        const known = [...catalogs.map((candidate) => candidate.id), ATTACK_FRAMEWORK_ID].join(", ");
        throw dataFileError(
          file,
          [i, "control", "framework"],
          `unknown framework "${framework}"; expected one of ${known}`,
        );
      }
      ids = new Set(catalog.controls.map((control) => control.id));
    }
    if (!ids.has(id)) throw dataFileError(file, [i, "control", "id"], `"${id}" is not a control of ${framework}`);
  });
}

/** The attestation's state on the snapshot's collection day. */
export function attestationState(attestation: Attestation, snapshot: Snapshot): AppliedAttestation["state"] {
  const day = DateTime.fromISO(snapshot.collected_at, { zone: snapshot.period.timezone }).toISODate()!;
  if (day < attestation.date) return "not_yet_valid";
  if (day > attestation.expires) return "expired";
  return "active";
}

export function applied(attestation: Attestation, snapshot: Snapshot): AppliedAttestation {
  const { type, owner, reason, date, expires, links } = attestation;
  return { type, owner, reason, date, expires, links, state: attestationState(attestation, snapshot) };
}

/** Attestations of one control, judged at collection time. */
export function attestationsFor(
  attestations: readonly Attestation[],
  framework: string,
  id: string,
  snapshot: Snapshot,
): AppliedAttestation[] {
  return attestations
    .filter((attestation) => attestation.control.framework === framework && attestation.control.id === id)
    .map((attestation) => applied(attestation, snapshot));
}
