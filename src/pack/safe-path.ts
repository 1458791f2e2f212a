/**
 * Paths inside a pack come from renderers, some built from names in the
 * data (framework ids). Only plain relative paths of safe characters are
 * written: no `..`, no absolute paths, no separators smuggled in a name.
 */
import { InputError } from "../errors.js";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether `path` is a plain relative path of safe segments (also checked on manifests read from elsewhere). */
export function isSafePackPath(path: string): boolean {
  const segments = path.split("/");
  return (
    path.length > 0 &&
    path.length <= 200 &&
    segments.every((segment) => SEGMENT.test(segment) && segment !== "." && segment !== "..")
  );
}

export function assertSafePackPath(path: string): void {
  if (!isSafePackPath(path))
    throw new InputError(
      `refusing to write "${path}" into a pack: expected a relative path of letters, digits, dots, dashes and underscores`,
    );
}

/** Turns any name (e.g. a framework id) into one safe path segment. */
export function safeFileSegment(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .replace(/\.{2,}/g, ".");
  return cleaned.slice(0, 100) || "unnamed";
}
