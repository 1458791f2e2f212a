/**
 * How the per-org columns of the fleet PDF fit a page. The document is A4
 * landscape; a table has a label column (a control or a technique, at least
 * LABEL_MIN wide), the fleet column, and one column per org wide enough for
 * the longest status label ("ACCEPTED") at 7 pt. That leaves room for
 * MAX_ORGS_PER_TABLE org columns. A larger fleet is split into column
 * groups of near-equal size (20 orgs: two groups of 10; 11 orgs: 6 and 5),
 * each a table of its own that repeats the label and fleet columns, so
 * every org's column keeps its readable width whatever the fleet's size.
 */
import { bookmarkTitle } from "../../report/pdf/blocks/outline.js";
import { contentWidth } from "../../report/pdf/document.js";

export const PAGE = { size: "A4", orientation: "landscape" } as const;

/** Points: the org and fleet status columns (content, without padding), and the least room a label keeps. */
export const ORG_COLUMN_WIDTH = 44;
export const FLEET_COLUMN_WIDTH = 48;
const LABEL_MIN = 200;
/** Cell padding (3 pt each side) and a rule, per column (GRID_LAYOUT). */
const COLUMN_CHROME = 6.4;

export const MAX_ORGS_PER_TABLE = Math.floor(
  (contentWidth(PAGE.size, PAGE.orientation) - LABEL_MIN - (FLEET_COLUMN_WIDTH + COLUMN_CHROME) - COLUMN_CHROME) /
    (ORG_COLUMN_WIDTH + COLUMN_CHROME),
);

export interface OrgColumnGroup {
  /** 0-based. */
  index: number;
  orgs: readonly string[];
  /** 1-based positions of its first and last org among all of them, and their count. */
  first: number;
  last: number;
  of: number;
}

/** The orgs, in order, cut into the fewest groups of at most `max`, their sizes differing by one at most. */
export function orgColumnGroups(orgs: readonly string[], max = MAX_ORGS_PER_TABLE): OrgColumnGroup[] {
  const count = Math.max(1, Math.ceil(orgs.length / max));
  const groups: OrgColumnGroup[] = [];
  let start = 0;
  for (let index = 0; index < count; index += 1) {
    const size = Math.ceil((orgs.length - start) / (count - index));
    const members = orgs.slice(start, start + size);
    groups.push({ index, orgs: members, first: start + 1, last: start + members.length, of: orgs.length });
    start += size;
  }
  return groups;
}

/** `orgs 1–10 of 20`; empty when one group holds every org. */
export function groupLabel(group: OrgColumnGroup): string {
  return group.first === 1 && group.last === group.of ? "" : `orgs ${group.first}–${group.last} of ${group.of}`;
}

/** `Orgs 1–10 of 20: ap-south, eu-west, …`: a column group's bookmark. */
export function groupTitle(group: OrgColumnGroup): string {
  const label = groupLabel(group);
  return bookmarkTitle(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${group.orgs.join(", ")}`);
}
