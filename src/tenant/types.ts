/** A validated tenant profile, with every default filled in. */
export type Tenant = Ws1AccessTenant | JanssenTenant;

export type TargetId = Tenant['target'];

export interface Ws1AccessTenant {
  /** Safe for file names: the rendered files are named after it. */
  name: string;
  target: 'ws1-access';
  /** https origin of the tenant, no trailing slash. */
  baseUrl: string;
  /** The directory of type Other that receives Okta's users; Okta's `domain` attribute must equal its domain. */
  directory: { name: string; domain: string };
  /** Service Client Token client for admin calls; its secret is read from the environment variable `secretEnv`. */
  adminClient: { clientId: string; secretEnv: string };
  /** The client whose bearer token is pasted into Okta. TTL in minutes. */
  oktaClient: { clientId: string; accessTokenTTL: number; secretEnv?: string };
  /** Every user and group a run creates is named with this prefix and the run id. */
  testData: { prefix: string };
  /** The reduced-scope SCIM token (seed 000): all three together, or none. */
  scopedClient?: ScopedClient;
  serviceAccount?: ServiceAccount;
  scimRole?: { name: string };
}

/** A User Access Token client (authorization code + refresh token). TTLs in minutes. */
export interface ScopedClient {
  clientId: string;
  secretEnv: string;
  redirectUri: string;
  accessTokenTTL: number;
  refreshTokenTTL: number;
  refreshTokenIdleTTL: number;
  /** Where a run under Newman finds the refresh token obtained once in Postman. */
  refreshTokenEnv?: string;
  /** A run warns when the token expires within this many days. */
  tokenWarnDays: number;
}

/** The local System Domain user the scoped token is issued to. */
export interface ServiceAccount {
  userName: string;
  email: string;
  /** Only for a login without a browser, which the simulator offers. */
  passwordEnv?: string;
}

/** The SCIM scopes of Janssen Server, without their https://jans.io/scim/ prefix. */
export const JANSSEN_SCOPES = [
  'users.read',
  'users.write',
  'groups.read',
  'groups.write',
  'fido.read',
  'fido.write',
  'fido2.read',
  'fido2.write',
  'bulk',
  'all-resources.search',
] as const;
export type JanssenScope = (typeof JANSSEN_SCOPES)[number];

export interface JanssenTenant {
  name: string;
  target: 'janssen';
  /** https origin of the server, no trailing slash. */
  baseUrl: string;
  /** A client that may obtain every SCIM scope (the bundled "SCIM Client"); its secret from `secretEnv`. */
  client: { clientId: string; secretEnv: string };
  /** The scopes whose enforcement a run verifies (all by default). */
  scopes: JanssenScope[];
  /** The URN of the custom user extension. */
  userExtension: string;
  /** Whether the server still has the U2F /FidoDevices endpoint (newer servers removed it). */
  fidoDevices: boolean;
  /** BYPASS protection mode is intended: a server answering without a token is then no finding. */
  bypassIntended: boolean;
  testData: { prefix: string };
}
