import { stripCore } from './attribute-paths.js';
import { parseFilter } from './parse-filter.js';
import { userNameKey } from './stores.js';

/**
 * The userName a filter asks for when it is exactly `userName eq "<value>"` (the lookup Okta and Entra ID make
 * before each create), as the users' index keys it; undefined for any other filter, or one that does not parse
 * (its refusal is the search's to make). The users under that key are the only ones the filter can match: a
 * string equals the value, folded or not, only if it folds to the same key.
 */
export function userNameAskedFor(expression: unknown, core?: string): string | undefined {
  if (typeof expression !== 'string' || !expression.trim()) return undefined;
  let ast;
  try {
    ast = parseFilter(expression);
  } catch {
    return undefined;
  }
  if (ast.op !== 'eq' || typeof ast.compValue !== 'string') return undefined;
  const path = core === undefined ? ast.attrPath : stripCore(ast.attrPath, core);
  return path.toLowerCase() === 'username' ? userNameKey(ast.compValue) : undefined;
}
