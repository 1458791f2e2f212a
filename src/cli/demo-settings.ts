/** What the demo runs with, one org or a fleet: no account, no config file. */
import { Config } from "../config/schema.js";

/** Placeholder keys: the simulator checks that keys are sent, not what they are. */
export const DEMO_API_KEY = "demo-api-key-not-a-secret";
export const DEMO_APP_KEY = "demo-app-key-not-a-secret";

/** The demo ignores any ddproof.yaml around it: it shows the shipped defaults. */
export const DEMO_CONFIG = Config.parse({});
export const DEMO_INPUTS = { frameworks: DEMO_CONFIG.frameworks, userDirs: [], attestationsFile: null };
