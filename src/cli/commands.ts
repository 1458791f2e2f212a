/**
 * The registry of commands, in the order `ddproof --help` lists them.
 * One module per command in this folder; each does argument parsing only and
 * hands the work to the room that owns it.
 */
import { assessCommand } from "./assess.js";
import { catalogImportAttackCommand } from "./catalog-import-attack.js";
import { catalogImportOscalCommand } from "./catalog-import-oscal.js";
import { catalogListCommand } from "./catalog-list.js";
import { collectCommand } from "./collect.js";
import type { CommandModule } from "./command.js";
import { demoCommand } from "./demo.js";
import { diffCommand } from "./diff.js";
import { doctorCommand } from "./doctor.js";
import { initCommand } from "./init.js";
import { keygenCommand } from "./keygen.js";
import { mergeCommand } from "./merge.js";
import { packCommand } from "./pack.js";
import { planCommand } from "./plan.js";
import { reportCommand } from "./report.js";
import { runJobCommand } from "./run-job.js";
import { scheduleCommand } from "./schedule.js";
import { simulateCommand } from "./simulate.js";
import { verifyCommand } from "./verify.js";
import { verifyHistoryCommand } from "./verify-history.js";
import { whatifCommand } from "./whatif.js";

export const COMMANDS: readonly CommandModule[] = [
  demoCommand,
  collectCommand,
  doctorCommand,
  assessCommand,
  reportCommand,
  packCommand,
  mergeCommand,
  verifyCommand,
  verifyHistoryCommand,
  keygenCommand,
  diffCommand,
  whatifCommand,
  planCommand,
  scheduleCommand,
  runJobCommand,
  simulateCommand,
  initCommand,
  catalogListCommand,
  catalogImportAttackCommand,
  catalogImportOscalCommand,
];
