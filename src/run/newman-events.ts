import type { SdkMessage } from './http-message.js';

/** The slice of Newman's events (postman-collection objects) that scimkit reads. */

export interface SdkItem {
  name: string;
  parent(): { name?: string; parent?(): unknown } | undefined;
  request: { method: string; url: { toString(): string } };
}

export interface SdkRequest extends SdkMessage {
  url: { toString(): string };
  body?: { mode?: string; raw?: string; toString(): string };
}

export interface RequestEvent {
  cursor?: { scriptId?: string };
  request: SdkRequest;
  response?: SdkMessage & { code: number; status: string; responseTime: number; stream?: Buffer };
}

export interface BeforeRequestEvent {
  cursor?: { scriptId?: string };
  item: SdkItem;
  request: SdkRequest;
}

/** The folder of a request; top-level requests have the collection as parent, and it has no parent. */
export function folderOf(item: SdkItem): string {
  const parent = item.parent();
  return parent && typeof parent.parent === 'function' && parent.parent() ? (parent.name ?? '') : '';
}

/** A request a script sends (pm.sendRequest: a token fetch) is not the item's own. */
export function fromScript(event: { cursor?: { scriptId?: string } }): boolean {
  return Boolean(event.cursor?.scriptId);
}
