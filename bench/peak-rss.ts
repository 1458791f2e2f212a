/** Peak resident memory of this process so far (VmHWM), in MB; Linux only, null elsewhere. */
import { readFileSync } from "node:fs";

export function peakRssMb(): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
