import Table from 'cli-table3';
import type { GradingProfile } from '../../names.js';
import type { Conformance } from '../types.js';
import { verdictText } from '../verdict.js';
import type { Paint } from './table.js';

const RED = 31;
const GREEN = 32;
const LEVELS = ['MUST', 'SHOULD', 'INFO'] as const;

/**
 * The conformance summary: a table of the sections with their checks passed and failed by level, then a line per
 * profile, whether the run would pass under it (the run's own marked). Colours from `paint` only, as in Newman's
 * table.
 */
export function conformanceTable(conformance: Conformance, profile: GradingProfile, paint: Paint): string {
  const table = new Table({
    head: ['section', ...LEVELS.flatMap((level) => [`${level} passed`, 'failed'])],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
    // A line per section, without a rule between them: the table stays as long as the list of sections.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const section of conformance.sections) {
    const cells = LEVELS.flatMap((level) => {
      const { passed, failed } = section[level];
      return [passed, failed ? paint(RED, String(failed)) : failed];
    });
    table.push([section.section, ...cells]);
  }
  const verdicts = conformance.profiles.map((verdict) => {
    const name = `profile ${verdict.profile}${verdict.profile === profile ? ' (this run)' : ''}`;
    return paint(verdict.passes ? GREEN : RED, `${name}: ${verdictText(verdict)}`);
  });
  return [table.toString(), ...verdicts].join('\n');
}
