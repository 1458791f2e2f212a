/** The lines printed after a pack is written. */
import { MANIFEST_FILE } from "../pack/manifest.js";
import type { RenderedPack } from "../pack/render-pack.js";

export function describePack(pack: RenderedPack, dir: string): string[] {
  const { manifest, assessment } = pack;
  const lines = [`Wrote ${manifest.kind} pack ${dir}: ${manifest.files.length} files listed in ${MANIFEST_FILE}`];
  for (const framework of assessment.frameworks) {
    const s = framework.summary;
    lines.push(
      `  ${framework.name}: pass ${s.pass}, partial ${s.partial}, fail ${s.fail}, unknown ${s.unknown}, manual ${s.manual}, accepted ${s.accepted}`,
    );
  }
  if (assessment.attack) {
    const covered = assessment.attack.techniques.filter(
      (technique) => technique.score >= assessment.attack!.gap_below,
    ).length;
    lines.push(
      `  MITRE ATT&CK ${assessment.attack.version}: ${covered} of ${assessment.attack.techniques.length} techniques and sub-techniques at score ${assessment.attack.gap_below} or more`,
    );
  }
  if (!manifest.complete)
    lines.push(
      `Evidence is INCOMPLETE: ${manifest.missing_evidence.join(", ")} could not be collected; the pack says so on its cover.`,
    );
  return lines;
}
