/**
 * An org's name in a fleet: its folder beside the fleet pack, a column header
 * and a config key, so plain and short. Kept apart from the fleet schema so the
 * pack manifest can name an org without importing the assessment.
 */
import { z } from "zod";

/** The folder of the fleet pack beside the org packs, and the one name an org may not take. */
export const FLEET_DIR = "fleet";

export const OrgName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
  .max(63, "expected at most 63 characters")
  .refine((name) => name !== FLEET_DIR, { message: `"${FLEET_DIR}" is reserved for the fleet pack` });
export type OrgName = z.infer<typeof OrgName>;
