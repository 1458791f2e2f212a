/** The lines printed after a fleet pack is written, by `merge` and by `pack|report --all-orgs`. */
import type { WrittenFleetPack } from "../fleet/write-fleet-pack.js";
import { MANIFEST_FILE } from "../pack/manifest.js";

/** The lines printed after the fleet pack is written. */
export function describeFleetPack(pack: WrittenFleetPack): string[] {
  const { manifest, fleet } = pack;
  const lines = [
    `Wrote ${manifest.kind} fleet pack ${pack.dir}: ${fleet.orgs.length} orgs, ${manifest.files.length} files listed in ${MANIFEST_FILE}`,
  ];
  for (const framework of fleet.frameworks) {
    const s = framework.summary;
    lines.push(
      `  ${framework.name} (worst of ${framework.orgs.join(", ")}): pass ${s.pass}, partial ${s.partial}, fail ${s.fail}, unknown ${s.unknown}, manual ${s.manual}, accepted ${s.accepted}`,
    );
  }
  if (fleet.attack) {
    const covered = fleet.attack.techniques.filter((technique) => technique.score >= fleet.attack!.gap_below).length;
    lines.push(
      `  MITRE ATT&CK ${fleet.attack.version} (weakest of ${fleet.attack.orgs.join(", ")}): ${covered} of ${fleet.attack.techniques.length} techniques and sub-techniques at score ${fleet.attack.gap_below} or more in every org`,
    );
  }
  if (pack.signaturesNotChecked.length > 0)
    lines.push(
      `Signatures not checked: the packs of ${pack.signaturesNotChecked.join(", ")} are signed; give --public-key to check them.`,
    );
  if (!manifest.complete)
    lines.push(
      `Evidence is INCOMPLETE: ${manifest.missing_evidence.join(", ")} could not be collected; the fleet pack says so.`,
    );
  return lines;
}
