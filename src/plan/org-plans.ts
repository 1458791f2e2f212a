/**
 * `plan --all-orgs --json`: each org's plan under its name, orgs in name
 * order, as the fleet pack names its orgs (the per-org records of fleet.json,
 * the `org` column of actions.csv). Each plan is `plan --org NAME --json`'s.
 */
import { z } from "zod";
import { OrgName } from "../fleet/org-name.js";
import { Plan } from "./plan.js";

export const OrgPlans = z.object({
  orgs: z.record(OrgName, Plan),
});
export type OrgPlans = z.infer<typeof OrgPlans>;
