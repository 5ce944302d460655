import { GRADING_PROFILES, type CheckLevel, type Client, type GradingProfile } from '../names.js';
import type { Conformance, RunTotals, SectionConformance } from '../report/types.js';
import { severityOf } from './grade.js';

/**
 * The conformance summary, counted as results stream by: per section (folder) the checks passed and failed by
 * level, and per profile what the failures would weigh under it. It keeps a few numbers per folder, never a result.
 */
export class ConformanceTally {
  private readonly sections = new Map<string, SectionConformance>();
  private readonly failures = counts();
  private readonly warnings = counts();

  /** A section the run met: listed, with zeros, even when none of its checks was evaluated. */
  meet(section: string): void {
    if (!this.sections.has(section)) this.sections.set(section, newSection(section));
  }

  /** A check evaluated (a skipped one is not). */
  add(section: string, check: { level: CheckLevel; clients?: readonly Client[]; passed: boolean }): void {
    this.meet(section);
    this.sections.get(section)![check.level][check.passed ? 'passed' : 'failed'] += 1;
    if (check.passed) return;
    for (const profile of GRADING_PROFILES) {
      const severity = severityOf(check.level, check.clients, profile);
      if (severity === 'failure') this.failures[profile] += 1;
      else if (severity === 'warning') this.warnings[profile] += 1;
    }
  }

  /** What the run's end says: a run error, a request without an answer or a leftover fails every profile. */
  summary(totals: Pick<RunTotals, 'error' | 'networkErrors' | 'leftovers'>): Conformance {
    const broken = Boolean(totals.error || totals.networkErrors || totals.leftovers);
    return {
      sections: [...this.sections.values()].map((section) => structuredClone(section)),
      profiles: GRADING_PROFILES.map((profile) => ({
        profile,
        failures: this.failures[profile],
        warnings: this.warnings[profile],
        passes: !broken && this.failures[profile] === 0,
      })),
    };
  }
}

function counts(): Record<GradingProfile, number> {
  return Object.fromEntries(GRADING_PROFILES.map((profile) => [profile, 0])) as Record<GradingProfile, number>;
}

function newSection(section: string): SectionConformance {
  return { section, MUST: { passed: 0, failed: 0 }, SHOULD: { passed: 0, failed: 0 }, INFO: { passed: 0, failed: 0 } };
}
