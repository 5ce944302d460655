import type { TargetId } from '../../src/targets/index.js';
import { janssenControls } from './janssen.js';
import { scim2Controls } from './scim2.js';
import { ws1AccessControls } from './ws1-access.js';

/**
 * Every target's negative controls: per defect of its simulator, the checks that must fail when it is broken so.
 * The tests that run them are negative-controls.test.ts (ws1-access), janssen.test.ts and scim2.test.ts.
 */
export const negativeControls = {
  'ws1-access': ws1AccessControls,
  janssen: janssenControls,
  scim2: scim2Controls,
} satisfies Record<TargetId, Record<string, { caughtBy: string[] }>>;
