/**
 * A problem the user can fix (bad profile, missing secret, unreachable host, bad flag).
 * The CLI prints its message as one line and exits 2; it never shows a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The message of anything thrown, on one line. */
export function oneLine(error: unknown): string {
  // Newman hands over some errors as plain objects with a message.
  const text =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A value the user gave, quoted for an error message: cut to a few dozen characters, control characters gone. */
export function shown(value: unknown, max = 40): string {
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))).replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    '?',
  );
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
