/** People of the demo org: rule and suppression authors, audit actors, signal assignees. */
import data from "../data/users.json" with { type: "json" };

export interface DemoUser {
  name: string;
  handle: string;
  uuid: string;
  id: number;
}

export const USERS: readonly DemoUser[] = data.users;

/** The user at `index`, wrapping around, so data files can name authors by number. */
export function userAt(index: number): DemoUser {
  return USERS[((index % USERS.length) + USERS.length) % USERS.length] as DemoUser;
}

/** How Datadog names a user in creator / updater / created_by fields. */
export function authorRef(index: number): { handle: string; name: string } {
  const { handle, name } = userAt(index);
  return { handle, name };
}
