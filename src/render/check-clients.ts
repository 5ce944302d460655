import type { Client } from '../names.js';
import { refuseChecksNotHeld } from './held-checks.js';
import type { Item } from './postman-types.js';
import type { FolderTemplate, RequestTemplate } from './template-schema.js';

/** The clients a request's checks stand for (see RequestTemplate `clients` and `clientsByCheck`). */
export interface CheckClients {
  /** Checks not in `byCheck`. */
  request: readonly Client[];
  byCheck: ReadonlyMap<string, readonly Client[]>;
}

/**
 * The clients a request template (or its folder, for the request) says depend on its checks, or undefined when
 * neither says: such checks weigh what their level says under every profile. An entry of `clientsByCheck` for a
 * check the scripts do not hold is refused, and so is one without `clients` for the request's other checks.
 */
export function checkClients(
  template: RequestTemplate,
  folder: FolderTemplate,
  item: Item,
  origin: string,
): CheckClients | undefined {
  const request = template.clients ?? folder.clients;
  const byCheck = new Map(Object.entries(template.clientsByCheck ?? {}));
  if (!request) {
    if (byCheck.size) throw new Error(`template ${origin}: clientsByCheck needs clients (its own or its folder's)`);
    return undefined;
  }
  refuseChecksNotHeld(item, byCheck.keys(), 'clientsByCheck', origin);
  return { request, byCheck };
}

/** The clients of a check of a request; undefined when its template declares none. */
export function clientsOf(clients: CheckClients | undefined, check: string): readonly Client[] | undefined {
  return clients && (clients.byCheck.get(check) ?? clients.request);
}
