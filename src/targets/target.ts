import type { JSONSchemaType } from 'ajv';
import type { RunMode } from '../names.js';
import type { DefectTable } from '../sim/defects.js';
import type { Listening, RunningSimulator } from '../sim/shell/server.js';
import type { Sources } from '../sim/shell/sources.js';
import type { EnvironmentValue } from './environment-value.js';
import type { BaseTenant } from './base-tenant.js';
import type { BulkShapeOf } from './bulk-shape.js';
import type { Question } from './question.js';

/** Where a run sends: the tenant's URL (the profile's, --base-url's, or the embedded simulator's). */
export interface RunEndpoint {
  baseUrl: string;
  simulated: boolean;
}

/** A target's profile: its schema (Ajv, descriptions double as error messages) and the checks across fields. */
export interface TargetProfile<T> {
  schema: JSONSchemaType<T>;
  /** Throws a UsageError naming the field when fields that are valid alone do not fit together. */
  check?(tenant: T): void;
  /** baseUrl may carry a path (the SCIM root of a service); otherwise it is an origin. */
  baseUrlPath?: true;
}

/** The client a simulator for a profile trusts with full rights, and the environment value of its secret. */
export interface TrustedClient {
  clientId: string;
  secretKey: string;
  secretEnv: string;
}

/** What a caller adds to the simulator a profile describes. */
export interface SimulatorExtras extends Listening {
  defects?: readonly string[];
  /** The tenant already has the documents' set-up (what a read-only run expects to find). */
  setUpDone?: boolean;
  /**
   * The tenant as a `--setup` run finds it: only what the documents make in the admin console (Workspace ONE
   * Access: the SCIM role, and the service account with its password set), nothing they make with Postman.
   */
  beforeSetUp?: boolean;
  /** Its clock, ids and tokens: real ones by default, fixed ones for answers that must not change (src/sim/shell/sources.ts). */
  sources?: Sources;
  /** Tenant settings a simulator may mimic (Workspace ONE Access: attributes marked Required). */
  requiredUserAttributes?: string[];
  /** Answer application/json instead of vendor media types (Workspace ONE Access after KB 6000953). */
  jsonMediaTypes?: boolean;
}

/**
 * Everything one target is, in one row of the registry (src/targets/index.ts): its profile, the environment its
 * collection reads, the values a run sets, the client its simulator trusts, and its simulator with its defects.
 * Its templates live in templates/<id>/.
 */
export interface Target<T extends BaseTenant> {
  /** How people call it: "Workspace ONE Access". */
  label: string;
  profile: TargetProfile<T>;
  /** What `scimkit init` asks to write a profile (src/targets/question.ts), each with its flag for scripts. */
  questions: readonly Question<T>[];
  /** The environment's values: tenant values in clear, secrets named by the variables they come from. */
  environment(tenant: T): EnvironmentValue[];
  /** What its templates read besides `tenant`, drawn from the profile at render time (Workspace ONE Access: `media`). */
  templateValues?(tenant: T): Record<string, unknown>;
  /**
   * What a scimkit run sets over the profile's values (the run-scoped names of a verification run, the URLs that
   * follow where the run sends).
   */
  runValues(tenant: T, mode: RunMode, runId: string, where: RunEndpoint): Record<string, string>;
  /** Origins besides the tenant's that a run may send to: an authorization server the profile names. */
  trustedOrigins?(tenant: T, where: RunEndpoint): string[];
  trustedClient(tenant: T): TrustedClient;
  /**
   * What the documents' set-up creates on the tenant (Workspace ONE Access: the Okta client and the directory), and
   * the variable holding its secret: `scimkit sim --tenant` with it set serves a tenant on which that set-up was
   * done, as a read-only run expects.
   */
  setUp?: { holds: string; secretEnv(tenant: T): string | undefined };
  defects: DefectTable;
  /** Its SCIM user API for `run --users` (src/run/bulk/); absent: bulk provisioning is not supported yet. */
  bulk?: BulkShapeOf<T>;
  /** A simulator of this profile's tenant, as it is before a run, with the run's secrets. */
  simulate(tenant: T, secret: (key: string) => string, extras?: SimulatorExtras): Promise<RunningSimulator>;
}
