import type { ProfileVerdict } from './types.js';

/** A profile's verdict as the cli and the html report say it: "passes, 4 warning(s)", "fails, 1 failure(s)". */
export function verdictText(verdict: ProfileVerdict): string {
  const warned = verdict.warnings ? `, ${verdict.warnings} warning(s)` : '';
  if (verdict.passes) return `passes${warned}`;
  // No failure of its own: the run stopped, a request got no answer, or the clean-up left something.
  return `fails, ${verdict.failures ? `${verdict.failures} failure(s)` : 'the run did not end cleanly'}${warned}`;
}
