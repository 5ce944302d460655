import { attr, complex, readOnly, str, type AttributeDef, type SchemaDef } from '../scim2/schema.js';
import { DEVICE_URN } from './constants.js';

const DEVICE_COMMON: AttributeDef[] = [
  str('userId', { mutability: 'readOnly', description: 'Identifier of the owner of this device' }),
  attr('creationDate', 'dateTime', readOnly),
  attr('counter', 'integer', readOnly),
  str('status'),
  str('displayName'),
];

const FIDO2_ATTRIBUTES: AttributeDef[] = [
  ...DEVICE_COMMON,
  complex('deviceData', [
    str('uuid'),
    str('pushToken'),
    str('type'),
    str('platform'),
    str('name'),
    str('osName'),
    str('osVersion'),
    str('customData'),
  ]),
];

const FIDO_ATTRIBUTES: AttributeDef[] = [
  ...DEVICE_COMMON,
  str('application', readOnly),
  str('deviceData'),
  str('deviceHashCode', readOnly),
  str('deviceKeyHandle', readOnly),
  str('deviceRegistrationConfiguration', readOnly),
  attr('lastAccessTime', 'dateTime', readOnly),
  str('description'),
  str('nickname'),
];

export const FIDO2_DEVICE_SCHEMA: SchemaDef = {
  id: DEVICE_URN.fido2Device,
  name: 'Fido2Device',
  description: 'Fido 2.0 devices',
  attributes: FIDO2_ATTRIBUTES,
};
export const FIDO_DEVICE_SCHEMA: SchemaDef = {
  id: DEVICE_URN.fidoDevice,
  name: 'FidoDevice',
  description: 'Fido devices',
  attributes: FIDO_ATTRIBUTES,
};

/** The custom user extension: its attributes come from the deployment, so any simple value is taken. */
export function userExtensionSchema(urn: string): SchemaDef {
  return { id: urn, name: 'GluuUserCustomExtension', description: 'Gluu User Custom Extension', attributes: [] };
}
