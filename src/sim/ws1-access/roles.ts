import type { ScopedSetup, Ws1AccessContext } from './context.js';
import {
  CORE,
  directoryOfDomain,
  newMeta,
  SYSTEM_DOMAIN,
  WORKSPACE,
  type Resource,
  type Role,
  type Ws1AccessState,
} from './state.js';

const API = '/SAAS/jersey/manager/api';

/** What a user's token may do: the union of its roles. */
export interface Rights {
  /** Reading users and groups, which managing either implies. */
  read: boolean;
  /** "Manage users" in these domains (lower-cased). */
  userDomains: Set<string>;
  /** "Manage groups": every group. */
  groups: boolean;
  /** The 'scoped-role-full-admin' defect: a role member is a full admin. */
  everything: boolean;
}

/** The roles a user holds directly or through a group it is a member of (groups nest). */
export function rolesOf(state: Ws1AccessState, userId: string): Role[] {
  const parents = new Map<string, string[]>(); // member id → ids of the groups listing it
  for (const group of state.groups.values()) {
    for (const member of (group.members as { value?: unknown }[] | undefined) ?? []) {
      const id = String(member.value);
      parents.set(id, [...(parents.get(id) ?? []), group.id]);
    }
  }
  const groups = new Set<string>();
  const pending = [...(parents.get(userId) ?? [])];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (groups.has(id)) continue;
    groups.add(id);
    pending.push(...(parents.get(id) ?? []));
  }
  return [...state.roles.values()].filter((role) =>
    role.members.some((m) => (m.type === 'User' ? m.value === userId : groups.has(m.value))),
  );
}

export function rightsOf(ctx: Ws1AccessContext, userId: string): Rights {
  const roles = rolesOf(ctx.state, userId);
  return {
    read: roles.length > 0,
    userDomains: new Set(roles.map((role) => role.domain.toLowerCase())),
    groups: roles.length > 0,
    everything: roles.length > 0 && ctx.broken('scoped-role-full-admin'),
  };
}

/** A role as SCIM 1.1 serves it (vendor spec, RoleResource). */
export function roleResource(state: Ws1AccessState, role: Role): Resource {
  return {
    schemas: [CORE],
    id: role.id,
    displayName: role.displayName,
    members: role.members.map((m) => ({
      value: m.value,
      display: m.type === 'User' ? state.users.get(m.value)?.userName : state.groups.get(m.value)?.displayName,
      type: m.type,
    })),
    meta: role.meta,
  };
}

/**
 * The document's set-up, made before the tenant serves anything: the Other directory (unless one holds the
 * domain, or a set-up run is to make it), the SCIM role (a console-only step), and, when given, the User Access Token client and the System
 * Domain service account as the role's only member. Seeded resources have a path as their meta.location; it
 * is made absolute when served.
 */
export function seedScoped(state: Ws1AccessState, scoped: ScopedSetup): void {
  let directory = directoryOfDomain(state, scoped.directory.domain);
  if (!directory && scoped.directory.seeded !== false) {
    directory = {
      directoryId: state.uuid(),
      name: scoped.directory.name,
      type: 'OTHER_DIRECTORY',
      domains: [scoped.directory.domain],
      userstoreId: state.uuid(),
    };
    state.directories.set(directory.directoryId, directory);
  }
  const wanted = scoped.directory.domain.toLowerCase();
  const roleId = state.uuid();
  const role: Role = {
    id: roleId,
    displayName: scoped.role.name,
    domain: directory?.domains.find((d) => d.toLowerCase() === wanted) ?? scoped.directory.domain,
    members: [],
    meta: newMeta(state, `${API}/scim/Roles/${roleId}`),
  };
  state.roles.set(role.id, role);

  if (scoped.client) {
    const { clientId } = scoped.client;
    if (state.clients.has(clientId)) throw new Error(`scoped.client: client ${clientId} already exists`);
    state.clients.set(clientId, {
      ...scoped.client,
      scope: 'admin user profile',
      authGrantTypes: 'authorization_code refresh_token',
      tokenType: 'Bearer',
      displayUserGrant: true,
      internalSystemClient: false,
      inheritanceAllowed: false,
    });
  }

  if (scoped.serviceAccount) {
    const { userName, email, password } = scoped.serviceAccount;
    const id = state.uuid();
    const user: Resource = {
      schemas: [CORE, WORKSPACE],
      userName,
      emails: [{ value: email }],
      id,
      active: true,
      [WORKSPACE]: { domain: SYSTEM_DOMAIN, internalUserType: 'LOCAL', userStatus: '1' },
      meta: newMeta(state, `${API}/scim/Users/${id}`),
    };
    state.users.set(id, user);
    state.passwords.set(id, password);
    role.members = [{ value: id, type: 'User' }];
  }
}
