import { Router } from 'express';
import {
  jsonObject,
  mediaTypeOf,
  rejectUnknownFields,
  requireContentType,
  VENDOR,
  type Ws1AccessContext,
} from './context.js';
import { badRequest, notFound } from './errors.js';
import { directoryOfDomain, dropDeletedMembers, WORKSPACE, type Directory, type DirectoryType } from './state.js';
import { revokeUser } from './tokens.js';

const DIRECTORY = `${VENDOR}connector.management.directory`;
/** Create media type → the directory type its body must name. */
const CREATABLE: Record<string, DirectoryType> = {
  [`${DIRECTORY}.other+json`]: 'OTHER_DIRECTORY',
  [`${DIRECTORY}.local+json`]: 'LOCAL_DIRECTORY',
  [`${DIRECTORY}.jit+json`]: 'JIT_DIRECTORY',
};

/** What the create bodies of directories of type Other, local and JIT carry (ws1-access-api.md, section 5.1). */
const FIELDS = new Set(['type', 'name', 'domains']);

/** /SAAS/jersey/manager/api/connectormanagement/directoryconfigs: the directories Okta's users land in. */
export function directoryConfigsRouter(ctx: Ws1AccessContext): Router {
  const router = Router();
  const { directories } = ctx.state;
  const base = '/SAAS/jersey/manager/api/connectormanagement/directoryconfigs';

  router.get('/connectormanagement/directoryconfigs', (req, res) => {
    ctx.send(res, 200, `${DIRECTORY}.list+json`, {
      items: [...directories.values()].map((d) => summary(d, ctx.url(req, `${base}/${d.directoryId}`))),
      _links: {},
    });
  });

  router.post('/connectormanagement/directoryconfigs', (req, res) => {
    if (ctx.broken('directory-create-not-found')) throw notFound();
    requireContentType(req, Object.keys(CREATABLE));
    const mediaType = mediaTypeOf(req);
    const body = jsonObject(req);
    rejectUnknownFields(body, FIELDS);
    const type = (body.type as DirectoryType | undefined) ?? CREATABLE[mediaType]!;
    if (type !== CREATABLE[mediaType])
      throw badRequest(`Directory type ${String(body.type)} does not match the Content-Type ${mediaType}.`);
    if (typeof body.name !== 'string' || !body.name.trim()) throw badRequest('The directory name is required.');
    const domains = body.domains;
    if (!Array.isArray(domains) || domains.length === 0 || !domains.every((d) => typeof d === 'string' && d.trim())) {
      throw badRequest('domains must be a non-empty list of domain names.');
    }
    if ([...directories.values()].some((d) => d.name === body.name))
      throw badRequest(`A directory named ${body.name} already exists.`);
    const taken = (domains as string[]).find((d) => directoryOfDomain(ctx.state, d));
    if (taken)
      throw badRequest(
        `Domain ${taken} already belongs to another directory; domains must be unique within the tenant.`,
      );
    const directory: Directory = {
      directoryId: ctx.state.uuid(),
      name: body.name,
      type: ctx.broken('directory-type-jit') ? 'JIT_DIRECTORY' : type,
      domains: domains as string[],
      userstoreId: ctx.state.uuid(),
    };
    directories.set(directory.directoryId, directory);
    const self = ctx.url(req, `${base}/${directory.directoryId}`);
    ctx.send(res, 201, mediaType, {
      directoryConfigId: directory.directoryId,
      name: directory.name,
      type: directory.type,
      domains: directory.domains,
      userStoreId: directory.userstoreId,
      _links: { self: { href: self } },
    });
  });

  router.get('/connectormanagement/directoryconfigs/:id', (req, res) => {
    const directory = find(req.params.id);
    ctx.send(res, 200, `${DIRECTORY}+json`, {
      ...summary(directory, ctx.url(req, `${base}/${directory.directoryId}`)),
      domains: directory.domains,
    });
  });

  router.get('/connectormanagement/directoryconfigs/:id/domains', (req, res) => {
    const directory = find(req.params.id);
    ctx.send(res, 200, `${DIRECTORY}.domain.list+json`, {
      items: directory.domains.map((name, index) => ({
        name,
        _links: { self: { href: ctx.url(req, `${base}/${directory.directoryId}/domains/${index}`) } },
      })),
    });
  });

  router.delete('/connectormanagement/directoryconfigs/:id', (req, res) => {
    const directory = find(req.params.id);
    if (directory.type === 'LOCAL_DIRECTORY') throw badRequest('The system directory cannot be deleted.');
    directories.delete(directory.directoryId);
    // A directory takes its users and groups with it.
    const inDirectory = (r: Record<string, unknown>) =>
      directory.domains.some(
        (d) => d.toLowerCase() === String((r[WORKSPACE] as { domain?: string } | undefined)?.domain).toLowerCase(),
      );
    for (const [id, user] of ctx.state.users) {
      if (!inDirectory(user)) continue;
      ctx.state.users.delete(id);
      ctx.state.passwords.delete(id);
      revokeUser(ctx.state, id);
    }
    for (const [id, group] of ctx.state.groups) if (inDirectory(group)) ctx.state.groups.delete(id);
    dropDeletedMembers(ctx.state);
    res.status(200).end();
  });

  function find(id: string): Directory {
    const directory = directories.get(id);
    if (!directory) throw notFound();
    return directory;
  }

  return router;
}

function summary(d: Directory, self: string) {
  return {
    directoryId: d.directoryId,
    name: d.name,
    type: d.type,
    userstoreId: d.userstoreId,
    countDomains: d.domains.length,
    deleteInProgress: false,
    syncConfigurationEnabled: false,
    _links: { self: { href: self } },
  };
}
