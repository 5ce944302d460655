import type { BaseTenant } from './base-tenant.js';

/**
 * The paths of a profile's fields that hold one value (a string, a number or a boolean): "name",
 * "directory.domain". Lists are left out: a question answers one value.
 */
export type FieldPath<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? never
    : NonNullable<T[K]> extends object
      ? `${K}.${FieldPath<NonNullable<T[K]>>}`
      : K;
}[keyof T & string];

/** What `scimkit init` has been told so far, by field path. */
export type Answers = Readonly<Record<string, unknown>>;

/**
 * One question of `scimkit init`. What the answer may be, and whether it may be left out, is the field's schema's to
 * say (the same check as loading the profile); a question only says how to ask for it.
 */
export interface Question<T> {
  /** The profile field the answer fills. */
  field: FieldPath<T>;
  /** The flag that answers it in a script: `directory-domain` for --directory-domain. */
  flag: string;
  /** The prompt, as a noun phrase: "Directory domain (Okta's domain attribute carries it)". */
  ask: string;
  /** A default drawn from earlier answers; the schema's default applies otherwise. */
  suggest?: (answers: Answers) => string | undefined;
  /** Asked only when earlier answers call for it (a field of the auth type chosen); always otherwise. */
  askIf?: (answers: Answers) => boolean;
}

/** A question of any target, as the wizard reads it. */
export type AnyQuestion = Omit<Question<never>, 'field'> & { field: string };

/** Suggests `<NAME>_<suffix>` for a secret's variable, after the tenant's name: ACME_ADMIN_SECRET. */
export function secretEnvAfterName(suffix: string): (answers: Answers) => string | undefined {
  return ({ name }) => {
    if (typeof name !== 'string') return undefined;
    const stem = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    return `${/^[0-9]/.test(stem) ? '_' : ''}${stem}_${suffix}`;
  };
}

/** What every profile is asked, around its target's own questions: its name and URL first, its test data last. */
export const sharedQuestions: { first: Question<BaseTenant>[]; last: Question<BaseTenant>[] } = {
  first: [
    { field: 'name', flag: 'name', ask: 'Tenant name (names the profile and its files)' },
    { field: 'baseUrl', flag: 'url', ask: 'Tenant URL' },
  ],
  last: [{ field: 'testData.prefix', flag: 'prefix', ask: 'Prefix of everything a run creates' }],
};
