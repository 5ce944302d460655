import type { Item } from './postman-types.js';

/**
 * Refuses a grade (`levels`, `clientsByCheck`) for a check the request's scripts do not hold: a renamed check would
 * otherwise lose its grade without a word.
 */
export function refuseChecksNotHeld(item: Item, names: Iterable<string>, field: string, origin: string): void {
  const scripts = item.event.map((event) => event.script.exec.join('\n')).join('\n');
  for (const name of names) {
    // A check is named by a string literal in its script: pm.test('name', ...), in either quote.
    const literals = [JSON.stringify(name), `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`];
    if (!literals.some((literal) => scripts.includes(literal))) {
      throw new Error(
        `template ${origin}: ${field} names the check ${JSON.stringify(name)}, which its scripts do not hold`,
      );
    }
  }
}
