import type { RequestHandler } from 'express';
import type { Access } from '../scim2/dialect.js';
import { SCOPE_PREFIX, type ScimScope } from './constants.js';
import type { JanssenContext } from './context.js';
import { AuthRefusal } from './errors.js';
import type { JanssenState } from './state.js';

/** The scopes of each resource type's endpoints (oauth-protection.md). */
const SCOPES: Record<string, { read: ScimScope; write: ScimScope }> = {
  User: { read: 'users.read', write: 'users.write' },
  Group: { read: 'groups.read', write: 'groups.write' },
  Fido2Device: { read: 'fido2.read', write: 'fido2.write' },
  FidoDevice: { read: 'fido.read', write: 'fido.write' },
};

/** Janssen's guard of each SCIM endpoint: its scope; discovery is anonymous unless broken on purpose. */
export function protection(ctx: JanssenContext) {
  return (access: Access<JanssenState>): RequestHandler => {
    if (access === 'discovery') {
      const token = requireScopes(ctx);
      return (req, res, next) => (ctx.broken('discovery-needs-token') ? token(req, res, next) : next());
    }
    if (access === 'root search') return requireScopes(ctx, 'all-resources.search');
    if (access === 'bulk') return requireScopes(ctx, 'bulk');
    const scopes = SCOPES[access.kind.schema.name];
    return requireScopes(ctx, access.write ? scopes.write : scopes.read);
  };
}

/**
 * The OAuth protection of an endpoint: a token that introspects as active and holds every scope listed.
 * No Authorization header → 401; anything else wrong → 403, both as bare strings.
 */
function requireScopes(ctx: JanssenContext, ...scopes: ScimScope[]): RequestHandler {
  return (req, _res, next) => {
    if (ctx.bypassed) return next();
    const header = req.get('authorization') ?? '';
    if (!header.trim()) throw new AuthRefusal(ctx.broken('no-token-403') ? 403 : 401);
    const value = header.replace(/^\s*bearer\s+/i, '').trim();
    const token = ctx.state.tokens.get(value);
    if (!token || token.expiresAt <= ctx.state.now() || !ctx.state.clients.has(token.clientId)) {
      if (token) ctx.state.tokens.delete(value);
      throw new AuthRefusal(403);
    }
    const enforced = !ctx.broken('scope-not-enforced');
    if (enforced && !scopes.every((scope) => token.scopes.includes(SCOPE_PREFIX + scope))) {
      throw new AuthRefusal(403);
    }
    next();
  };
}
