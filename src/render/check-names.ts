/** A check's opening: pm.test( or one of the aliases that skip it when the answer failed (whenSuccessful). */
const CHECK_CALL = /\b(?:pm\.test|when[A-Z]\w*)\(/g;

/**
 * The names of the checks a script makes, in order: the first argument of each pm.test or alias, a string literal,
 * or literals joined with values the script computes ('accessTokenTTL is the configured ' + ttl + ' minutes'), each
 * of which shows as "…". A call whose name is no literal at all is left out.
 */
export function checkNames(script: string): string[] {
  const names: string[] = [];
  for (const call of script.matchAll(CHECK_CALL)) {
    const name = nameAt(script, call.index + call[0].length);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** The name whose expression starts at `from`, up to the comma that ends the argument. */
function nameAt(script: string, from: number): string | undefined {
  const parts: string[] = [];
  let at = from;
  for (;;) {
    at = skipSpace(script, at);
    const quote = script[at];
    if (quote === "'" || quote === '"') {
      const end = literalEnd(script, at);
      parts.push(unquote(script.slice(at, end)));
      at = end;
    } else {
      if (!parts.length) return undefined;
      at = expressionEnd(script, at);
      parts.push('…');
    }
    at = skipSpace(script, at);
    if (script[at] === '+') at += 1;
    else return script[at] === ',' ? parts.join('') : undefined;
  }
}

function skipSpace(script: string, at: number): number {
  while (/\s/.test(script[at] ?? '')) at += 1;
  return at;
}

/** Just past the string literal that opens at `at`. */
function literalEnd(script: string, at: number): number {
  const quote = script[at];
  let end = at + 1;
  while (end < script.length && script[end] !== quote) end += script[end] === '\\' ? 2 : 1;
  return end + 1;
}

/** Where a computed part ends: at a "+" or "," outside its parentheses and strings. */
function expressionEnd(script: string, at: number): number {
  let depth = 0;
  let end = at;
  while (end < script.length) {
    const char = script[end]!;
    if (char === "'" || char === '"') end = literalEnd(script, end);
    else if (depth === 0 && (char === '+' || char === ',' || char === ')')) return end;
    else {
      if (char === '(') depth += 1;
      if (char === ')') depth -= 1;
      end += 1;
    }
  }
  return end;
}

function unquote(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}
