/** Log indexes and archives (data/log-config.json). */
import data from "../data/log-config.json" with { type: "json" };

export interface DemoLogIndex {
  name: string;
  query: string;
  retentionDays: number;
  /** null: no Flex tier. */
  flexRetentionDays: number | null;
  dailyLimit: number | null;
}

export interface DemoLogArchive {
  id: string;
  name: string;
  query: string;
  /** Wire value of LogsArchiveState: WORKING, FAILING, … */
  state: string;
  /** The wire `destination` object (s3 / gcs / azure). */
  destination: Record<string, unknown>;
  rehydrationTags: string[];
}

export const LOG_INDEXES: readonly DemoLogIndex[] = data.indexes;
export const LOG_ARCHIVES: readonly DemoLogArchive[] = data.archives;
