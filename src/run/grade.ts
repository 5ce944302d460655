import type { CheckLevel, Client, GradingProfile, Severity } from '../names.js';
import { clientsOf } from '../render/check-clients.js';
import { levelOf } from '../render/check-levels.js';
import type { RequestRules } from '../render/collection.js';

const BY_LEVEL = { MUST: 'failure', SHOULD: 'warning', INFO: 'info' } as const satisfies Record<CheckLevel, Severity>;

/**
 * What a failed check weighs under a profile. strict: its level (MUST fails, SHOULD warns, INFO informs). A client's
 * profile: a check that client depends on fails whatever its level, INFO excepted; any other is a warning. A check
 * whose template names no clients (`clients` undefined) weighs its level under every profile.
 */
export function severityOf(
  level: CheckLevel,
  clients: readonly Client[] | undefined,
  profile: GradingProfile,
): Severity {
  if (profile === 'strict' || level === 'INFO' || !clients) return BY_LEVEL[level];
  return clients.includes(profile) ? 'failure' : 'warning';
}

/** A check as its template grades it, and what its failure weighs under the run's profile. */
export interface Grade {
  level: CheckLevel;
  /** Undefined: its template names none (see severityOf). */
  clients?: readonly Client[];
  severity: Severity;
}

/** The grade of a check of a request, from what the request's templates declare (its rules). */
export function gradeOf(rules: RequestRules | undefined, check: string, profile: GradingProfile): Grade {
  const level = levelOf(rules?.levels, check);
  const clients = clientsOf(rules?.clients, check);
  return { level, ...(clients ? { clients } : {}), severity: severityOf(level, clients, profile) };
}
