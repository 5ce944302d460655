import { Document } from 'yaml';
import { targets } from '../../targets/index.js';
import { parseTenant } from '../load.js';
import type { WizardAnswers } from './wizard.js';

/**
 * The profile the answers make, as YAML, checked whole as loading it checks it (the checks across fields too), so
 * that what is written is a profile `scimkit generate` takes. `file` names it in an error.
 */
export function profileText({ target, values }: WizardAnswers, file: string): string {
  const profile: Record<string, unknown> = {};
  // In the order asked, the target after the name (the first question), as in the examples.
  for (const [field, value] of values) {
    setField(profile, field, value);
    if (field === 'name') profile.target = target;
  }
  const document = new Document(profile);
  document.commentBefore =
    ` A ${targets[target].label} profile, written by scimkit init.\n` +
    ' It holds no secret: each field ending in Env names the environment variable holding one.';
  const text = document.toString();
  parseTenant(text, file);
  return text;
}

/** The variables a run reads the profile's secrets from: the values of its fields ending in Env. */
export function secretVariables({ values }: WizardAnswers): string[] {
  return [...values].filter(([field]) => /Env$/.test(field)).map(([, value]) => String(value));
}

function setField(profile: Record<string, unknown>, field: string, value: unknown): void {
  const keys = field.split('.');
  let parent = profile;
  for (const key of keys.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
  parent[keys.at(-1)!] = value;
}
