import { directoryOfDomain, type Directory, type Ws1AccessState } from './state.js';

/** A directory an admin made before: its name, type and domains. */
export type ExistingDirectory = Pick<Directory, 'name' | 'type' | 'domains'>;

/** Seeds the directories a tenant has before a run. */
export function seedDirectories(state: Ws1AccessState, directories: readonly ExistingDirectory[]): void {
  for (const { name, type, domains } of directories) {
    const directoryId = state.uuid();
    state.directories.set(directoryId, { directoryId, name, type, domains: [...domains], userstoreId: state.uuid() });
  }
}

/** What the documents' set-up leaves on a tenant: the Okta client and the directory of type Other. */
export interface DocumentedSetUp {
  oktaClient: { clientId: string; secret: string; accessTokenTTL: number };
  directory: { name: string; domain: string };
}

/** A tenant as a `--setup` run leaves it, for runs that only read it (`--read-only`). */
export function seedSetUp(state: Ws1AccessState, setUp: DocumentedSetUp): void {
  const { oktaClient, directory } = setUp;
  state.clients.set(oktaClient.clientId, {
    ...oktaClient,
    scope: 'admin',
    authGrantTypes: 'client_credentials',
    tokenType: 'Bearer',
    displayUserGrant: false,
    internalSystemClient: false,
    inheritanceAllowed: false,
  });
  if (!directoryOfDomain(state, directory.domain)) {
    const directoryId = state.uuid();
    state.directories.set(directoryId, {
      directoryId,
      name: directory.name,
      type: 'OTHER_DIRECTORY',
      domains: [directory.domain],
      userstoreId: state.uuid(),
    });
  }
}
