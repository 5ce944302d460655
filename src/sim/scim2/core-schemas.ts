import { attr, complex, entries, multi, readOnly, str, type AttributeDef, type SchemaDef } from './schema.js';
import { URN } from './urn.js';

const USER_ATTRIBUTES: AttributeDef[] = [
  str('userName', { required: true, uniqueness: 'server', description: 'Identifier for the user (uid)' }),
  complex('name', [
    str('formatted'),
    str('familyName'),
    str('givenName'),
    str('middleName'),
    str('honorificPrefix'),
    str('honorificSuffix'),
  ]),
  str('displayName'),
  str('nickName'),
  attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
  str('title'),
  str('userType'),
  str('preferredLanguage'),
  str('locale'),
  str('timezone'),
  attr('active', 'boolean'),
  str('password', { mutability: 'writeOnly', returned: 'never' }),
  multi('emails', entries()),
  multi('phoneNumbers', entries()),
  multi('ims', entries()),
  multi('photos', entries(attr('value', 'reference', { referenceTypes: ['external'] }))),
  multi('addresses', [
    str('formatted'),
    str('streetAddress'),
    str('locality'),
    str('region'),
    str('postalCode'),
    str('country'),
    str('type'),
    attr('primary', 'boolean'),
  ]),
  multi(
    'groups',
    [str('value', readOnly), attr('$ref', 'reference', readOnly), str('display', readOnly), str('type', readOnly)],
    readOnly,
  ),
  multi('entitlements', entries()),
  multi('roles', entries()),
  multi('x509Certificates', entries(attr('value', 'binary'))),
];

const GROUP_ATTRIBUTES: AttributeDef[] = [
  str('displayName', { required: true, description: 'A human-readable name for the Group' }),
  multi('members', [
    str('value', { mutability: 'immutable' }),
    attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User'] }),
    str('type', { mutability: 'immutable' }),
    str('display', readOnly),
  ]),
];

/** User and Group (RFC 7643 section 4), as the simulator checks and serves them. */
export const USER_SCHEMA: SchemaDef = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  attributes: USER_ATTRIBUTES,
};
export const GROUP_SCHEMA: SchemaDef = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  attributes: GROUP_ATTRIBUTES,
};
