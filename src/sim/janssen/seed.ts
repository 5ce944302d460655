import { stamp } from '../scim2/state.js';
import { URN } from '../scim2/urn.js';
import { DEVICE_URN } from './constants.js';
import type { JanssenState } from './state.js';

/**
 * What the seedDevices option plants. Devices cannot be created through SCIM (only through the FIDO APIs), so a
 * run needs one to read, update and delete. Their displayName starts with "scimkit", the default test prefix:
 * the collection deletes only a device so named.
 */
export const JANSSEN_SEED = {
  user: {
    id: '6f1c2a7e-5d4b-4c3a-9e8f-0a1b2c3d4e01',
    userName: 'scimkit-device-owner',
    displayName: 'Device Owner',
  },
  fido2Device: { id: '6f1c2a7e-5d4b-4c3a-9e8f-0a1b2c3d4e02', displayName: 'scimkit-seeded-fido2-device' },
  fidoDevice: { id: '6f1c2a7e-5d4b-4c3a-9e8f-0a1b2c3d4e03', displayName: 'scimkit-seeded-u2f-device' },
} as const;

/** Plants the seeded user with one Fido2 device, and one U2F device when `withU2f`. */
export function seedDevices(state: JanssenState, withU2f: boolean): void {
  const { user, fido2Device, fidoDevice } = JANSSEN_SEED;
  state.users.set(user.id, {
    schemas: [URN.user],
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    name: { givenName: 'Device', familyName: 'Owner' },
    emails: [{ value: 'device-owner@jans.example', type: 'work', primary: true }],
    active: true,
    meta: stamp(state, 'User'),
  });
  const created = new Date(state.now()).toISOString();
  state.fido2Devices.set(fido2Device.id, {
    schemas: [DEVICE_URN.fido2Device],
    id: fido2Device.id,
    userId: user.id,
    creationDate: created,
    counter: 7,
    status: 'registered',
    displayName: fido2Device.displayName,
    deviceData: { name: 'Security key', platform: 'usb', type: 'security-key', osName: 'any', osVersion: '1' },
    meta: stamp(state, 'Fido2Device'),
  });
  if (!withU2f) return;
  state.fidoDevices.set(fidoDevice.id, {
    schemas: [DEVICE_URN.fidoDevice],
    id: fidoDevice.id,
    userId: user.id,
    creationDate: created,
    application: 'https://jans.example/identity/authcode.htm',
    counter: 3,
    deviceKeyHandle: 'S2V5SGFuZGxlU2VlZGVk',
    deviceHashCode: '1234567890',
    status: 'active',
    displayName: fidoDevice.displayName,
    description: 'U2F key',
    nickname: 'yubi',
    meta: stamp(state, 'FidoDevice'),
  });
}
