import { UsageError } from '../errors.js';
import { targetOf, type Tenant } from '../targets/index.js';

// Apart from run-tenants.ts, so that a fleet's coordinator checks defects without loading Newman.

/** A defect breaks the simulators of the profiles whose target has it; one that breaks none is a mistake. */
export function checkSimDefects(tenants: readonly { tenant: Tenant }[], defects: readonly string[]): void {
  const stray = defects.find((defect) => !tenants.some(({ tenant }) => defectsOf(tenant, [defect]).length));
  if (stray) throw new UsageError(`--sim-defect: ${stray} breaks the simulator of none of the profiles given`);
}

/** The defects that break this tenant's simulator. */
export function defectsOf(tenant: Tenant, defects: readonly string[]): string[] {
  return defects.filter((defect) => Object.hasOwn(targetOf(tenant).defects, defect));
}
