import { URN } from './constants.js';
import type { Kind } from './resources.js';
import { SCHEMAS } from './schemas.js';

const device = {
  readOnly: ['id', 'meta', 'userId', 'creationDate', 'counter'],
  device: true,
  refine(_ctx: unknown, attributes: Record<string, unknown>) {
    const { externalId: _dropped, ...rest } = attributes; // "no place to store it in LDAP"
    return rest;
  },
} as const;

/** /Fido2Devices: read, updated (displayName, status, deviceData) and deleted; registered only through FIDO2. */
export const FIDO2_DEVICES: Kind = {
  ...device,
  name: 'Fido2Device',
  endpoint: '/Fido2Devices',
  schema: URN.fido2Device,
  read: 'fido2.read',
  write: 'fido2.write',
  attributes: SCHEMAS.fido2Device.attributes,
  store: (state) => state.fido2Devices,
  render: (_ctx, resource, base) => ({
    ...resource,
    meta: { ...resource.meta, location: `${base}/Fido2Devices/${resource.id}` },
  }),
};

/** /FidoDevices (U2F), on servers that still have it. */
export const FIDO_DEVICES: Kind = {
  ...device,
  name: 'FidoDevice',
  endpoint: '/FidoDevices',
  schema: URN.fidoDevice,
  read: 'fido.read',
  write: 'fido.write',
  attributes: SCHEMAS.fidoDevice.attributes,
  store: (state) => state.fidoDevices,
  render: (_ctx, resource, base) => ({
    ...resource,
    meta: { ...resource.meta, location: `${base}/FidoDevices/${resource.id}` },
  }),
};
