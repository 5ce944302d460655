import type { Request } from 'express';
import type { Scim2Defect } from './defects.js';
import type { Scim2Dialect } from './dialect.js';
import { ScimError } from './errors.js';
import type { KindContext } from './resource-type.js';
import type { Scim2State } from './state.js';

/** What every handler of the core shares in one simulator instance: its state and its dialect. */
export class Scim2Context<S extends Scim2State> implements KindContext<S> {
  constructor(
    readonly state: S,
    readonly dialect: Scim2Dialect<S>,
  ) {}

  broken(defect: Scim2Defect): boolean {
    return this.dialect.broken(defect);
  }

  /** The absolute URL of the SCIM API as this request reached it, for meta.location and Location headers. */
  base(req: Request): string {
    return `${req.protocol}://${req.get('host')}${this.dialect.basePath}`;
  }

  /** An id nobody holds: 404 "<Type> with id <id> not found" (500 on a simulator broken on purpose). */
  unknownId(resourceType: string, id: string): ScimError {
    const detail = `${resourceType} with id ${id} not found`;
    return this.broken('unknown-id-500')
      ? new ScimError(500, '', `Unexpected error: ${detail}`)
      : new ScimError(404, '', detail);
  }
}
