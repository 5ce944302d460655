import { UsageError } from '../../errors.js';
import { describeNetworkError } from '../../io/network-errors.js';
import type { BulkAuth } from '../../targets/bulk-shape.js';
import type { TenantTransport } from '../transport.js';
import { jsonOf, send } from './send.js';

/** The Authorization header of the run's SCIM requests: the profile's credentials, or a token asked for once. */
export async function authorize(transport: TenantTransport, auth: BulkAuth): Promise<string> {
  if ('header' in auth) return auth.header;
  let answer;
  try {
    answer = await send(transport, auth.tokenRequest);
  } catch (error) {
    throw new UsageError(`token request: ${describeNetworkError(error as Error, new URL(auth.tokenRequest.url).host)}`);
  }
  const token = jsonOf(answer)?.access_token;
  if (answer.status === 400 || answer.status === 401) throw new UsageError(auth.refusal);
  if (answer.status !== 200 || typeof token !== 'string' || !token) {
    throw new UsageError(
      `token request answered ${answer.status} without an access_token: the run cannot authenticate`,
    );
  }
  return `Bearer ${token}`;
}
