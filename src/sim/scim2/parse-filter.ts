import { parse, type Filter } from 'scim2-parse-filter';

/**
 * A SCIM filter, its strings decoded as the JSON strings they are (RFC 7644 section 3.4.2.2): scim2-parse-filter
 * unescapes \" only, so `displayName eq "a \\ b"` would otherwise compare with two backslashes.
 */
export function parseFilter(expression: string): Filter {
  return decode(parse(expression)) as Filter;
}

function decode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(decode);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'compValue' && typeof value === 'string'
        ? value.replace(/\\(u[0-9a-fA-F]{4}|[\\/bfnrt])/g, (escape) => JSON.parse(`"${escape}"`) as string)
        : decode(value),
    ]),
  );
}
