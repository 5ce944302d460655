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
  | 'discovery-filter-served'
  | 'discovery-by-id-missing'
  | 'paging-fields-as-strings'
  | 'paging-ignores-start-index'
  | 'filter-case-sensitive'
  | 'filter-miss-404'
  | 'attributes-ignored'
  | 'sort-ignored'
  | 'create-location-mismatch'
  | 'put-returns-old-resource'
  | 'patch-pathless-refused'
  | 'patch-member-filter-unsupported'
  | 'delete-keeps-resource'
  | 'json-media-type'
  | 'bulk-id-unresolved'
  | 'patch-op-case-sensitive'
  | 'patch-remove-value-ignored'
  | 'manager-ignored'
  | 'filter-externalid-unsupported'
  | 'group-search-excluded-attributes-ignored'
  | 'etag-header-mismatch'
  | 'if-none-match-ignored'
  | 'if-match-ignored'
  | 'extension-dropped';
