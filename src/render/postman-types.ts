/**
 * The parts of the Postman Collection v2.1.0 format scimkit writes (see the official JSON Schema,
 * ../shared/specs/postman-collection-v2.1.0.schema.json). Plain data: the renderer builds these directly so
 * the output is deterministic; the postman-collection SDK is used to read them back.
 */

export interface KeyValue {
  key: string;
  value: string;
  type?: string;
}

export interface AuthAttribute {
  key: string;
  value: string | boolean;
  type: 'string' | 'boolean';
}

export interface Auth {
  type: 'noauth' | 'basic' | 'bearer' | 'oauth2';
  basic?: AuthAttribute[];
  bearer?: AuthAttribute[];
  oauth2?: AuthAttribute[];
}

export interface Event {
  listen: 'prerequest' | 'test';
  script: { type: 'text/javascript'; exec: string[] };
}

export interface Url {
  raw: string;
  host?: string[];
  path?: string[];
  query?: { key: string | null; value: string | null }[];
}

export type Body =
  | { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } }
  | { mode: 'urlencoded'; urlencoded: { key: string; value: string }[] };

export interface Request {
  method: string;
  auth?: Auth;
  header: { key: string; value: string }[];
  url: Url;
  body?: Body;
  /** The request's documentation: Postman shows a request's here, not on its item. */
  description?: string;
}

/** A saved example answer (Postman's "examples" of a request), as the examples simulator gave it. */
export interface Response {
  name: string;
  /** The request as the item holds it, with its variables. */
  originalRequest: Request;
  /** The reason phrase: "Created". */
  status: string;
  code: number;
  /** How Postman previews the body. */
  _postman_previewlanguage: 'json' | 'html' | 'text';
  header: { key: string; value: string }[];
  cookie: [];
  body: string;
}

export interface Item {
  name: string;
  event: Event[];
  request: Request;
  response: Response[];
  protocolProfileBehavior?: { followRedirects: boolean };
}

export interface Folder {
  name: string;
  description: string;
  auth?: Auth;
  /** Folder scripts run between the collection's and each request's. */
  event?: Event[];
  item: Item[];
}

export interface Collection {
  info: { _postman_id: string; name: string; description: string; schema: string };
  item: Folder[];
  auth: Auth;
  event: Event[];
  variable: KeyValue[];
}
