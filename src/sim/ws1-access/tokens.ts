import type { Ws1AccessContext } from './context.js';
import { dropExpired, expiredBy } from '../shell/expired.js';
import { OAuthError } from '../shell/oauth.js';
import {
  DEFAULT_TOKEN_TTL_MINUTES,
  newSecret,
  type OAuthClient,
  type RefreshToken,
  type Ws1AccessState,
} from './state.js';

/**
 * What the tenant issues (access tokens, refresh tokens, authorization codes) and what takes it back. The
 * document warns: "If you disable the service account, reset the password or modify the OAuth Secret it will
 * invalidate the token"; deleting the client deletes its tokens (vendor spec).
 */

export const CODE_TTL_MINUTES = 5;

/** The token answer's access_token, token_type, expires_in and scope, for a new access token. */
export function issueAccessToken(ctx: Ws1AccessContext, client: OAuthClient, scopes: string[], userId?: string) {
  const ttlMinutes = ctx.broken('token-ignores-ttl') ? DEFAULT_TOKEN_TTL_MINUTES : client.accessTokenTTL;
  const value =
    userId && ctx.broken('user-token-expired')
      ? expiredJwt(ctx.state)
      : `${newSecret(ctx.state)}${ctx.broken('token-with-placeholder') ? '{{adminClientSecret}}' : ''}`;
  const now = ctx.state.now();
  dropExpired(ctx.state.tokens, expiredBy(now));
  const expiresAt = now + ttlMinutes * 60_000;
  ctx.state.tokens.set(value, { clientId: client.clientId, scopes, expiresAt, ...(userId ? { userId } : {}) });
  return { access_token: value, token_type: 'Bearer', expires_in: ttlMinutes * 60, scope: scopes.join(' ') };
}

/** A JWT-shaped token whose `exp` passed a minute ago (the defect user-token-expired). */
function expiredJwt(state: Ws1AccessState): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: Math.floor(state.now() / 1000) - 60 })}.${newSecret(state)}`;
}

/** A refresh token that lasts the client's refreshTokenTTL, and refreshTokenIdleTTL without use. */
export function issueRefreshToken(state: Ws1AccessState, client: OAuthClient, userId: string, scopes: string[]) {
  const value = newSecret(state);
  const now = state.now();
  state.refreshTokens.set(value, {
    clientId: client.clientId,
    userId,
    scopes,
    lastUsedAt: now,
    ...(client.refreshTokenTTL === undefined ? {} : { expiresAt: now + client.refreshTokenTTL * 60_000 }),
    ...(client.refreshTokenIdleTTL === undefined ? {} : { idleMinutes: client.refreshTokenIdleTTL }),
  });
  return value;
}

/** The client's live refresh token `value`, marked used; anything else is invalid_grant (and an expired one is dropped). */
export function useRefreshToken(state: Ws1AccessState, value: string, client: OAuthClient): RefreshToken {
  const refresh = state.refreshTokens.get(value);
  if (!refresh || refresh.clientId !== client.clientId) throw invalidGrant('The refresh token is invalid.');
  const now = state.now();
  const idleUntil = refresh.idleMinutes === undefined ? Infinity : refresh.lastUsedAt + refresh.idleMinutes * 60_000;
  if ((refresh.expiresAt ?? Infinity) <= now || idleUntil <= now || !isActiveUser(state, refresh.userId)) {
    state.refreshTokens.delete(value);
    throw invalidGrant('The refresh token is invalid or expired.');
  }
  refresh.lastUsedAt = now;
  return refresh;
}

export const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);

/** A user exists and is not deactivated. */
export function isActiveUser(state: Ws1AccessState, userId: string): boolean {
  const user = state.users.get(userId);
  return user !== undefined && user.active !== false;
}

/** Everything issued to a user, through any client: deactivated, deleted, or its password reset. */
export function revokeUser(state: Ws1AccessState, userId: string): void {
  revokeWhere(state, (grant) => grant.userId === userId);
}

/** Everything issued to users through a client: its secret changed. Its client-credentials tokens stay. */
export function revokeClientUserGrants(state: Ws1AccessState, clientId: string): void {
  revokeWhere(state, (grant) => grant.clientId === clientId && grant.userId !== undefined);
}

/** Everything issued through a client: it was deleted. */
export function revokeClient(state: Ws1AccessState, clientId: string): void {
  revokeWhere(state, (grant) => grant.clientId === clientId);
}

function revokeWhere(state: Ws1AccessState, matches: (grant: { clientId: string; userId?: string }) => boolean): void {
  for (const map of [state.tokens, state.refreshTokens, state.codes] as Map<string, { clientId: string }>[]) {
    for (const [value, grant] of map) if (matches(grant)) map.delete(value);
  }
}
