/**
 * Ties ddproof's list of Datadog sites to the official client's: this fails
 * to compile when the client learns a site the list lacks, or drops one it
 * has. Credentials check DD_SITE through here, so the check is always built.
 */
import type { client } from "@datadog/datadog-api-client";
import { type DATADOG_SITES, siteProblem } from "../config/sites.js";

type ClientSite = typeof client.server1 extends client.ServerConfiguration<infer V> ? V["site"] : never;
type OurSite = (typeof DATADOG_SITES)[number];
const SAME_AS_CLIENT: [Exclude<ClientSite, OurSite>, Exclude<OurSite, ClientSite>] extends [never, never]
  ? true
  : false = true;
void SAME_AS_CLIENT;

export { siteProblem };
