/** meta as stored; `location` is added when a resource is served, from the address it is served at. */
export interface Meta {
  resourceType: string;
  created: string;
  lastModified: string;
  version: string;
}

/** A stored SCIM resource: its attributes as they would be served, less what is computed then. */
export type Resource = Record<string, unknown> & { id: string; schemas: string[]; meta: Meta };
