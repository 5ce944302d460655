import type { MediaTypes } from './profile.js';

/**
 * The media types each admin endpoint the collection calls is sent and checked with, by the profile's `mediaTypes`.
 *
 * The two vendor specs disagree on the OAuth 2.0 client endpoints: the 2018 API
 * (vmware-identity-manager-swagger.json) consumes and produces vendor types only, the 2025 API
 * (omnissa-access-openapi.json, "MIME type changes", KB 6000953) lists application/json only. An Accept can offer
 * both; a Content-Type is one type, so `both` sends the one the 2025 spec implies (see newClient). The directory
 * configurations are in neither spec: their types are the documents' (seeds 001 and 004). SCIM and the token
 * endpoint are application/json in both specs and are not listed here.
 */
interface Endpoint {
  /** The vendor type a request asks for: the 2018 spec's, or the documents' where no spec lists the endpoint. */
  vendor: string;
  /** More vendor types the 2018 spec lists for its answers (besides `vendor`). */
  alsoAnswers?: string[];
  /** How its Content-Type check names the vendor types. */
  label: string;
  /** The Content-Type of its body, by setting. */
  body?: Record<MediaTypes, string>;
}

const VENDOR = 'application/vnd.vmware.horizon.manager.';
const JSON_TYPE = 'application/json';
const CLIENT = `${VENDOR}oauth2client+json`;
const OTHER_DIRECTORY = `${VENDOR}connector.management.directory.other+json`;

const endpoints = {
  /** GET and DELETE /oauth2clients/{clientId}: the 2018 spec answers one of three client types. */
  client: {
    vendor: CLIENT,
    alsoAnswers: [`${VENDOR}clientcredentialsoauth2client+json`, `${VENDOR}classicoauth2client+json`],
    label: 'an oauth2client media type',
  },
  /**
   * POST /oauth2clients. The 2018 spec consumes only the vendor type, and seed 000 sends it; the 2025 spec lists
   * no request type (neither spec declares the body, only the 2018 one its `consumes`), but answers application/json
   * only, and everywhere it lists a request type the 2018 one was vendor (PUT entitlements definitions). The vendor
   * spec wins over the documents, so `both` sends application/json, which the tenants of the transition KB 6000953
   * announces take as well; one on the 2018 API alone answers 415, and `vendor` is its setting.
   */
  newClient: {
    vendor: CLIENT,
    label: 'the oauth2client media type',
    body: { vendor: CLIENT, json: JSON_TYPE, both: JSON_TYPE },
  },
  /** GET /oauth2clients. */
  clientList: { vendor: `${VENDOR}oauth2clientsummarylist+json`, label: 'the client summary list media type' },
  /** GET /connectormanagement/directoryconfigs (seeds; neither spec). */
  directoryList: {
    vendor: `${VENDOR}connector.management.directory.list+json`,
    label: 'the directory list media type',
  },
  /**
   * POST /connectormanagement/directoryconfigs. The Content-Type names the type of directory made (seeds 001 and
   * 004: "set the Content-Type to …directory.other+json"; another one is how the blog's readers met "Resource not
   * found."), and no spec offers a JSON form: it is sent whatever the setting.
   */
  newDirectory: {
    vendor: OTHER_DIRECTORY,
    label: 'the directory of type Other media type',
    body: { vendor: OTHER_DIRECTORY, json: OTHER_DIRECTORY, both: OTHER_DIRECTORY },
  },
  /** GET /connectormanagement/directoryconfigs/{id}/domains (seeds; neither spec). */
  directoryDomains: {
    vendor: `${VENDOR}connector.management.directory.domain.list+json`,
    label: 'the domain list media type',
  },
} satisfies Record<string, Endpoint>;

/** What a template writes for one endpoint: its headers, and what its Content-Type check takes. */
export interface EndpointMedia {
  accept: string;
  /** For a request with a body. */
  contentType?: string;
  /** The types an answer may have: those the setting offers. */
  answers: string[];
  /** "the oauth2client media type or JSON". */
  label: string;
}

export type Ws1AccessMedia = Record<keyof typeof endpoints, EndpointMedia>;

/** Every endpoint's media types under a setting; templates read them as `media.<endpoint>`. */
export function mediaTypesFor(setting: MediaTypes): Ws1AccessMedia {
  const vendor = setting !== 'json';
  const json = setting !== 'vendor';
  const entries = Object.entries(endpoints).map(([name, endpoint]: [string, Endpoint]) => {
    const offered = [...(vendor ? [endpoint.vendor] : []), ...(json ? [JSON_TYPE] : [])];
    const media: EndpointMedia = {
      accept: offered.join(', '),
      ...(endpoint.body ? { contentType: endpoint.body[setting] } : {}),
      answers: [...(vendor ? [endpoint.vendor, ...(endpoint.alsoAnswers ?? [])] : []), ...(json ? [JSON_TYPE] : [])],
      label: [...(vendor ? [endpoint.label] : []), ...(json ? ['JSON'] : [])].join(' or '),
    };
    return [name, media];
  });
  return Object.fromEntries(entries) as Ws1AccessMedia;
}
