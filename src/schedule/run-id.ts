/**
 * A run's id is its start time in UTC to the second, `2026-11-29T020000Z`:
 * sortable as text, free of characters file systems dislike (no colons), and
 * the name of the run's pack folder. Two runs starting in the same second
 * (possible with per-second schedules) get `-2`, `-3`, …; the history
 * orders runs by their start time, not by id text.
 */
export const RUN_ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{6}Z(-\d+)?$/;

export function runIdAt(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "");
}

/** The id for a run starting at `date`, unique among `taken`. */
export function uniqueRunId(date: Date, taken: (id: string) => boolean): string {
  const base = runIdAt(date);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}
