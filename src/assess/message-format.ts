/**
 * Turns a message template and a result's figures into the sentence a person
 * reads. Templates use `{{name}}` placeholders, as check modules declare them
 * in `meta.messages`; a list is shown joined by commas.
 */
import type { FindingData } from "./schema.js";

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

function show(value: FindingData[string]): string {
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  if (value === null) return "none";
  return String(value);
}

/** Fills the template; a placeholder with no figure is a bug in the check, so it throws. */
export function formatMessage(template: string, data: FindingData): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!(name in data))
      throw new Error(`message template needs "${name}" but the result has no such figure: ${template}`);
    return show(data[name]!);
  });
}

/** The placeholder names a template uses, for tests that check templates against results. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}
