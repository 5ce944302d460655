import type { Kind } from '../scim2/resource-type.js';
import type { SchemaDef } from '../scim2/schema.js';
import type { Resource } from '../scim2/state.js';
import { withoutExternalId } from './external-id.js';
import { FIDO2_DEVICE_SCHEMA, FIDO_DEVICE_SCHEMA } from './schemas.js';
import type { JanssenState } from './state.js';

/** A user's device, registered only through the FIDO APIs: read, updated (a few attributes) and deleted. */
function deviceKind(
  endpoint: string,
  schema: SchemaDef,
  store: (state: JanssenState) => Map<string, Resource>,
): Kind<JanssenState> {
  return {
    endpoint,
    schema,
    store,
    readOnly: ['id', 'meta', 'userId', 'creationDate', 'counter'],
    userDevice: true,
    refine: (_ctx, attributes) => withoutExternalId(attributes),
    render: (_ctx, resource, base) => ({
      ...resource,
      meta: { ...resource.meta, location: `${base}${endpoint}/${resource.id}` },
    }),
  };
}

/** /Fido2Devices: displayName, status and deviceData may be updated. */
export const FIDO2_DEVICES = deviceKind('/Fido2Devices', FIDO2_DEVICE_SCHEMA, (state) => state.fido2Devices);

/** /FidoDevices (U2F), on servers that still have it. */
export const FIDO_DEVICES = deviceKind('/FidoDevices', FIDO_DEVICE_SCHEMA, (state) => state.fidoDevices);
