/** Options of the commands that write packs (`report`, `pack`). */
import { type Command, Option } from "commander";
import { InputError } from "../errors.js";
import { REPORT_KINDS, type ReportKind } from "../report/contract.js";
import { addSignKeyOption, type SignKeyFlags } from "./sign-key-option.js";

export interface ReportFlags extends SignKeyFlags {
  kind: string;
  out: string;
  previous?: string;
  templates?: string;
  force?: boolean;
}

export function addReportOptions(command: Command): Command {
  return addSignKeyOption(command)
    .addOption(
      new Option("--kind <kind>", "what to produce: gap (nightly gaps), evidence (audit pack), attack (ATT&CK heatmap)")
        .choices(REPORT_KINDS)
        .makeOptionMandatory(),
    )
    .requiredOption("-o, --out <dir>", "pack folder to write (created; an existing pack is replaced only with --force)")
    .option("--previous <dir>", "an earlier pack to compare with (the gap report's changes)")
    .option("--templates <dir>", "folder of your own copies of report-templates/*.hbs")
    .option("--force", "replace an existing pack in the output folder");
}

export function reportKind(flags: ReportFlags): ReportKind {
  if (!REPORT_KINDS.includes(flags.kind as ReportKind))
    throw new InputError(`--kind "${flags.kind}": expected ${REPORT_KINDS.join(", ")}`);
  return flags.kind as ReportKind;
}
