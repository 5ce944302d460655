/**
 * Defects of the generic SCIM 2.0 simulator (target scim2), each breaking one family of the conformance suite's
 * checks (a folder, an RFC section), so that a negative control proves those checks catch it.
 */
export const genericScim2Defects = {
  'discovery-by-id-missing': '/ResourceTypes/{id} and /Schemas/{id} answer 404 for the types and schemas they list',
  'anonymous-access': 'requests without credentials are served instead of a 401',
  'any-credentials-accepted': 'a wrong token or password is accepted instead of a 401',
  'error-status-as-number': 'SCIM Error bodies carry status as a number instead of a string',
  'user-create-status-200': 'POST /Users answers 200 instead of 201',
  'create-location-mismatch': 'the Location header of a created resource is the collection, not meta.location',
  'create-answers-id-only': 'POST /Users answers 201 with the id, schemas and meta of the new user, not the user',
  'duplicate-user-accepted': 'a second user with the same userName is created instead of a 409 uniqueness',
  'paging-fields-as-strings': 'totalResults, startIndex and itemsPerPage are strings instead of integers',
  'paging-ignores-start-index': 'startIndex is ignored: every page starts at the first resource',
  'paging-ignores-count': 'count is ignored: a page holds every resource from startIndex on',
  'pages-one-short': 'a full page holds one resource fewer than count asks (count=1: none), as the RFC allows',
  'filter-case-sensitive': 'userName eq compares values case-sensitively (userName is caseExact false)',
  'filter-miss-404': 'a filter that matches nothing answers 404 instead of 200 with totalResults 0',
  'attributes-ignored': 'attributes and excludedAttributes are ignored: every attribute is returned',
  'sort-ignored': 'sortBy is ignored: resources come in the order they were created',
  'put-returns-old-resource': 'PUT stores the new resource but answers it as it was before',
  'patch-pathless-refused': "a PATCH operation without a path (Okta's deactivation) is refused with 400 noTarget",
  'patch-member-filter-unsupported': 'a PATCH path with a value filter (members[value eq "…"]) is refused',
  'delete-keeps-resource': 'DELETE answers 204 but the resource is still there',
  'json-media-type': 'answers are application/json, even to Accept: application/scim+json',
  'bulk-id-unresolved':
    'a bulkId reference in the data of a bulk operation is stored as sent, not replaced by the id it stands for',
  'etag-header-mismatch': 'the ETag header of a resource is not its meta.version',
  'if-none-match-ignored': 'a GET whose If-None-Match names the current version answers 200 with the body, not 304',
  'if-match-ignored': 'a PUT or PATCH whose If-Match names an old version is applied instead of a 412',
  'me-missing': 'GET /Me answers 404, neither the authenticated subject nor 501',
  'extension-dropped': "a created user's schema extension attributes are accepted and not stored",
  'patch-op-case-sensitive': 'PATCH op names other than lower case (Entra ID\'s "Replace", "Add") are refused with 400',
  'patch-remove-value-ignored':
    "a PATCH remove of members with a value (Entra ID's) ignores the value and removes every member",
  'manager-ignored': "the enterprise extension's manager is accepted but not stored",
  'filter-externalid-unsupported': "a filter on externalId (Entra ID's lookup) is refused with 400 invalidFilter",
  'group-search-excluded-attributes-ignored':
    'a search of groups ignores excludedAttributes=members (a read by id honours it)',
} as const;

export type GenericScim2Defect = keyof typeof genericScim2Defects;
