/**
 * The defects the core has hooks for, named as in the targets' tables (<target>/defects.ts): a dialect says which are in force, and a target
 * offers those of them it wants.
 */
export type Scim2Defect =
  | 'user-create-status-200'
  | 'duplicate-user-accepted'
  | 'count-over-max-accepted'
  | 'patch-any-schema'
  | 'unknown-id-500'
  | 'discovery-filter-served';
