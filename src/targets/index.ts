/**
 * The registry of targets: one row each. A new target is a folder here (its profile, environment, simulator), one
 * under templates/, a member of `Tenant` and a row of `targets`: the compiler then demands the rest.
 */
import { shown, UsageError } from '../errors.js';
import { janssen } from './janssen/index.js';
import type { JanssenTenant } from './janssen/profile.js';
import { scim2 } from './scim2/index.js';
import type { Scim2Tenant } from './scim2/profile.js';
import { sharedQuestions, type AnyQuestion } from './question.js';
import type { Target } from './target.js';
import { ws1Access } from './ws1-access/index.js';
import type { Ws1AccessTenant } from './ws1-access/profile.js';

/** A validated tenant profile, with every default filled in. */
export type Tenant = Ws1AccessTenant | JanssenTenant | Scim2Tenant;
export type TargetId = Tenant['target'];
export type TenantOf<K extends TargetId> = Extract<Tenant, { target: K }>;

export const targets = { 'ws1-access': ws1Access, janssen, scim2 } satisfies { [K in TargetId]: Target<TenantOf<K>> };

export const TARGET_IDS = Object.keys(targets) as TargetId[];

export function isTargetId(value: unknown): value is TargetId {
  return typeof value === 'string' && Object.hasOwn(targets, value);
}

/**
 * Checks defect names given on the command line (`flag` names the option in the error): those of every target are
 * accepted; which simulator each breaks is the run's to sort out.
 */
export function parseDefects(names: readonly string[], flag: string): string[] {
  const known = [...new Set(TARGET_IDS.flatMap((id) => Object.keys(targets[id].defects)))];
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw new UsageError(`${flag}: unknown defect ${shown(unknown)}; use one of: ${known.join(', ')}`);
  return [...names];
}

/** Every target's defects, for help texts: "Workspace ONE Access: a, b. Janssen Server: c". */
export function defectsHelp(): string {
  return TARGET_IDS.map((id) => `${targets[id].label}: ${Object.keys(targets[id].defects).join(', ')}`).join('. ');
}

/** What `scimkit init` asks for a target's profile, in order: its name and URL, the target's own, its test data. */
export function questionsOf(id: TargetId): AnyQuestion[] {
  return [...sharedQuestions.first, ...targets[id].questions, ...sharedQuestions.last];
}

/** The registry row of a profile's target. */
export function targetOf<T extends Tenant>(tenant: T): Target<T> {
  return targets[tenant.target] as unknown as Target<T>;
}

export type { Ws1AccessTenant, ScopedClient, ServiceAccount } from './ws1-access/profile.js';
export type { JanssenTenant, JanssenScope } from './janssen/profile.js';
export type { Scim2Tenant, Scim2Auth } from './scim2/profile.js';
export type { Target } from './target.js';
export type { AnyQuestion, Answers } from './question.js';
