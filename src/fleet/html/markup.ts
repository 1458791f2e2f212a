/**
 * HTML built in code with escaping by default: `html` is a tagged template
 * whose every interpolated value is HTML-escaped (Handlebars' own escaping,
 * as report.html's templates use) unless it is Markup this module made.
 * Arrays are joined, each item treated the same way. So a value from the
 * data (an org's display name, a control title) can never become markup.
 */
import Handlebars from "handlebars";

export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function piece(value: Value): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return Handlebars.Utils.escapeExpression(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Markup {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    text += piece(value) + (strings[i + 1] ?? "");
  });
  return new Markup(text);
}

/** Our own blocks (the stylesheet), inserted as they are; values from the data never take this path. */
export function verbatim(text: string): Markup {
  return new Markup(text);
}
