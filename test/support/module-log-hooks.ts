import { appendFileSync } from 'node:fs';

/** Node's module hooks (off the main thread): every module loaded is appended to SCIMKIT_MODULE_LOG. */
export async function load(url: string, context: unknown, next: (url: string, context: unknown) => Promise<unknown>) {
  appendFileSync(process.env.SCIMKIT_MODULE_LOG!, `${url}\n`);
  return next(url, context);
}
