/** Janssen keeps no externalId but a user's: groups and devices have no place to store it in LDAP. */
export function withoutExternalId(attributes: Record<string, unknown>): Record<string, unknown> {
  const { externalId: _dropped, ...rest } = attributes;
  return rest;
}
