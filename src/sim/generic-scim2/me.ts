import { Router } from 'express';
import type { Scim2Context } from '../scim2/context.js';
import { notFound, ScimError } from '../scim2/errors.js';
import { respond } from '../scim2/media.js';
import { notAllowed } from '../scim2/not-allowed.js';
import { stamp } from '../scim2/state.js';
import { URN } from '../scim2/urn.js';
import { USERS } from '../scim2/users.js';
import { setVersion } from '../scim2/versions.js';
import { requireCredentials } from './auth.js';
import type { GenericScim2Context } from './context.js';
import type { GenericScim2State } from './state.js';

/**
 * The user of the service's one client, whom its credentials authenticate (the Basic user, the OAuth client, or
 * the holder of the bearer token): what /Me answers. Seeded when the simulator starts.
 */
export function seedSubject(state: GenericScim2State): void {
  const { auth } = state;
  const userName =
    auth.type === 'basic'
      ? auth.username
      : auth.type === 'oauth2-client-credentials'
        ? auth.clientId
        : 'service-account';
  const id = state.uuid();
  state.users.set(id, { schemas: [URN.user], id, userName, active: true, meta: stamp(state, 'User') });
  state.subject = id;
}

/**
 * GET /Me (RFC 7644 section 3.11): the authenticated subject's user, processed directly, its permanent location in
 * Location; 501 when the service does not serve /Me (`me: false`).
 */
export function meRouter(ctx: GenericScim2Context, core: Scim2Context<GenericScim2State>): Router {
  const router = Router();
  router.get('/Me', requireCredentials(ctx), (req, res) => {
    if (ctx.options.me === false) throw new ScimError(501, '', 'The /Me authenticated subject alias is not supported');
    const subject = ctx.broken('me-missing') ? undefined : ctx.state.users.get(ctx.state.subject ?? '');
    if (!subject) throw notFound('Resource not found');
    const user = USERS.render(core, subject, core.base(req)) as { meta: { location: string } };
    res.location(user.meta.location);
    setVersion(core, res, subject);
    respond(req, res, 200, user);
  });
  router.all('/Me', notAllowed(['GET']));
  return router;
}
