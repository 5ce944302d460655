import type { CheckLevel } from '../names.js';
import type { Item } from './postman-types.js';
import type { RequestTemplate } from './template-schema.js';
import { refuseChecksNotHeld } from './held-checks.js';

/** What a request template says its checks weigh (see RequestTemplate `level` and `levels`). */
export interface CheckLevels {
  /** Checks not in `byCheck`. */
  request: CheckLevel;
  byCheck: ReadonlyMap<string, CheckLevel>;
}

/**
 * The levels a request template declares, or undefined when it leaves every check at MUST. A level for a check the
 * request's scripts do not hold is refused: a renamed check would otherwise lose its level without a word.
 */
export function checkLevels(template: RequestTemplate, item: Item, origin: string): CheckLevels | undefined {
  if (!template.level && !template.levels) return undefined;
  const byCheck = new Map(Object.entries(template.levels ?? {}));
  refuseChecksNotHeld(item, byCheck.keys(), 'levels', origin);
  return { request: template.level ?? 'MUST', byCheck };
}

/** The level of a check of a request: MUST unless the request's template grades it. */
export function levelOf(levels: CheckLevels | undefined, check: string): CheckLevel {
  return levels?.byCheck.get(check) ?? levels?.request ?? 'MUST';
}
