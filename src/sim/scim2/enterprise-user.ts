import { complex, str, type SchemaDef } from './schema.js';
import { URN } from './urn.js';

/** The Enterprise User extension (RFC 7643 section 4.3), whose manager Entra ID provisions. */
export const ENTERPRISE_USER_SCHEMA: SchemaDef = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    str('employeeNumber'),
    str('costCenter'),
    str('organization'),
    str('division'),
    str('department'),
    complex('manager', [
      str('value', { description: "The id of the SCIM resource representing the User's manager" }),
      str('$ref', { description: "The URI of the SCIM resource representing the User's manager" }),
      str('displayName', { mutability: 'readOnly' }),
    ]),
  ],
};
