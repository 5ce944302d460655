/** An attribute path without the core schema URN it may carry as a prefix ("urn:…:User:userName"). */
export function stripCore(path: string, core: string): string {
  return path.toLowerCase().startsWith(`${core.toLowerCase()}:`) ? path.slice(core.length + 1) : path;
}

/** An attribute path as segments: "name.givenName", "emails.value", or "<extension URN>:attr". */
export function segments(path: string, core: string): string[] {
  const stripped = stripCore(path.trim(), core);
  const colon = stripped.lastIndexOf(':');
  if (colon > 0) return [stripped.slice(0, colon), ...stripped.slice(colon + 1).split('.')];
  return stripped.split('.');
}

/** The key of `object` that names the attribute, whatever its case (attribute names are case-insensitive). */
export function keyOf(object: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}
