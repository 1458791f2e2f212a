/** The header of the packs the pack tests write: an evidence pack of 2026-Q3, complete. */
import type { PackHeader } from "../../src/pack/write-pack.js";

export const PACK_HEADER: PackHeader = {
  tool: { name: "ddproof", version: "0.0.0-test" },
  kind: "evidence",
  period: { label: "2026-Q3", from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z", timezone: "UTC" },
  collected_at: "2026-10-02T08:00:00.000Z",
  complete: true,
  missing_evidence: [],
  catalogs: { "pci-dss-4.0.1": "4.0.1" },
};
