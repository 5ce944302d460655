import { channel } from 'node:diagnostics_channel';
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TRANSPORT_ERRORS, transportError } from '../io/network-errors.js';

export interface TransportLimits {
  /**
   * The tenant's origin (scheme, host, port), first, and any other the profile names (its authorization server):
   * the only ones a request may go to, credentials or not.
   */
  origins: readonly string[];
  /** The longest an answer may take, from the request to its last byte (not an idle timer: a drip ends too). */
  deadlineMs: number;
  /** The most bytes an answer may take on the wire (headers, framing and body, compressed or not). */
  maxBytes: number;
}

/**
 * Every request a run sends, as `{ request }`, published before its body is written (node:http's own channel comes
 * after): bench/run-overhead.ts records a run's requests with it. Nothing is published without a subscriber.
 */
export const requestChannel = channel('scimkit:run:request');

type AddRequest = (req: ClientRequest, options: { host?: string; hostname?: string; port?: number | string }) => void;
type CreateConnection = (options: object, callback: (error: Error | null, socket?: Socket) => void) => unknown;

/**
 * The HTTP agents a Newman pass sends through, which hold every request to what a hostile tenant must not get
 * around: no connection to another origin (a redirect to another port or scheme of the same host would otherwise
 * receive the bearer token and Basic credentials: postman-request strips Authorization only when the host name
 * changes), a total deadline per answer, a cap on its size, and a switch that destroys every open socket at once.
 */
export class TenantTransport {
  readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly inFlight = new Set<ClientRequest>();
  private reason: string | undefined;
  private readonly origins: ReadonlySet<string>;

  constructor(private readonly limits: TransportLimits) {
    this.origins = new Set(limits.origins.map((origin) => new URL(origin).origin));
    for (const [scheme, agent] of Object.entries(this.agents)) this.guard(`${scheme}:`, agent);
  }

  /** Why the transport was stopped, if it was. */
  get stopped(): string | undefined {
    return this.reason;
  }

  /** Fails every request in flight and every later one; open sockets are destroyed, so nothing hangs on. */
  stop(reason: string): void {
    this.reason ??= reason;
    const error = transportError(TRANSPORT_ERRORS.stopped, reason);
    for (const req of this.inFlight) req.destroy(error);
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  /**
   * Refusals go through createConnection, the agent's own way to fail a request (a request destroyed before it
   * has a socket would never report it). A request to the tenant's origin after the switch finds no free socket:
   * stop() destroyed them, so it comes here too.
   */
  private guard(protocol: string, agent: http.Agent): void {
    const hooks = agent as unknown as { addRequest: AddRequest; createConnection: CreateConnection };
    const addRequest = hooks.addRequest.bind(agent);
    hooks.addRequest = (req, options) => {
      this.watch(req);
      addRequest(req, options);
    };
    const createConnection = hooks.createConnection.bind(agent);
    hooks.createConnection = (options, callback) => {
      const refusal = this.refusal(originOf(protocol, options as { host?: string; port?: number }));
      if (!refusal) return createConnection(options, callback);
      callback(refusal);
      return undefined;
    };
  }

  private refusal(target: string): Error | undefined {
    if (this.reason) return transportError(TRANSPORT_ERRORS.stopped, this.reason);
    if (this.origins.has(target)) return undefined;
    return transportError(
      TRANSPORT_ERRORS.otherOrigin,
      `the tenant redirected to ${target}, another origin than ${this.limits.origins[0]}: not followed, so that no ` +
        'credential leaves the tenant',
    );
  }

  /** The total deadline and the size cap of one request, from now to the answer's last byte. */
  private watch(req: ClientRequest): void {
    const { deadlineMs, maxBytes } = this.limits;
    if (requestChannel.hasSubscribers) requestChannel.publish({ request: req });
    this.inFlight.add(req);
    const timer = setTimeout(
      () => req.destroy(transportError(TRANSPORT_ERRORS.deadline, `no complete answer within ${deadlineMs} ms`)),
      deadlineMs,
    );
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        req.destroy(transportError(TRANSPORT_ERRORS.tooLarge, `the answer is larger than ${maxBytes} bytes`));
      }
    };
    let socket: Socket | undefined;
    req.once('socket', (assigned: Socket) => {
      socket = assigned;
      socket.on('data', count);
    });
    const done = () => {
      clearTimeout(timer);
      socket?.off('data', count);
      this.inFlight.delete(req);
    };
    req.once('close', done);
    req.once('response', (res) => res.once('end', done).once('close', done));
  }
}

function originOf(protocol: string, options: { host?: string; hostname?: string; port?: number | string }): string {
  const host = (options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
  const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}`);
  if (options.port !== undefined && options.port !== '') url.port = String(options.port);
  return url.origin;
}
