/** Just enough HTML reading to check the html report without a parser dependency. */

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);

/**
 * Problems that make a page ill-formed: an unknown '<' in text, a tag closed out of order or never closed.
 * The page must be one <html> element after the doctype.
 */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!DOCTYPE html>\n')) problems.push('no <!DOCTYPE html> first');
  const body = html.replace(/^<!DOCTYPE html>\n/, '');
  // Style sheets hold no markup; their text is raw, so it is left out.
  const markup = body.replace(/<style>[^<]*<\/style>/g, '<style></style>');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>|</g;
  for (const match of markup.matchAll(tag)) {
    const [whole, closing, name] = match;
    if (whole === '<') {
      problems.push(`a bare '<' at ${match.index}: ${markup.slice(match.index, match.index + 40)}`);
      continue;
    }
    if (VOID_ELEMENTS.has(name!)) continue;
    if (!closing) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.at(-1) === name) stack.pop();
    else problems.push(`</${name}> at ${match.index} closes <${stack.at(-1) ?? 'nothing'}>`);
  }
  if (stack.length) problems.push(`never closed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  if (/<script/i.test(markup)) problems.push('a <script> element');
  return problems;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#x27|#x60|#x3D|amp);/g, (_m, name: string) => {
    const map: Record<string, string> = {
      lt: '<',
      gt: '>',
      quot: '"',
      '#x27': "'",
      '#x60': '`',
      '#x3D': '=',
      amp: '&',
    };
    return map[name]!;
  });
}

/** The text a reader sees (tags removed, entities decoded). */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<style>[^<]*<\/style>/g, '').replace(/<[^>]*>/g, ''));
}

/** The checks the page lists, in order: state and name. */
export function listedChecks(html: string): { state: string; name: string }[] {
  return [
    ...html.matchAll(
      /<li class="check (\w+)"><span class="mark">[^<]*<\/span> ([^<]*?)(?: <span class="level">[^<]+<\/span>)?(?: <span class="weight">\w+<\/span>)?(?: \(skipped\))?(?:<div|<\/li>)/g,
    ),
  ].map((m) => ({ state: m[1]!, name: decodeEntities(m[2]!) }));
}
