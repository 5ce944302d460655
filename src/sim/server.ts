import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { UsageError } from '../errors.js';
import { defectsFor, type JanssenDefect, type SimulatorTarget, type Ws1AccessDefect } from './defects.js';
import type { JanssenOptions } from './janssen/context.js';
import type { JanssenState } from './janssen/state.js';
import type { Ws1AccessOptions } from './ws1-access/context.js';
import type { Ws1AccessState } from './ws1-access/state.js';

export type { JanssenOptions } from './janssen/context.js';
export type { JanssenState } from './janssen/state.js';

interface CommonOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface Ws1AccessSimulatorOptions extends CommonOptions {
  target: 'ws1-access';
  /** The admin client the simulator trusts; a run authenticates with it. */
  adminClient: { clientId: string; secret: string };
  defects?: Ws1AccessDefect[];
  ws1Access?: Omit<Ws1AccessOptions, 'defects'>;
  janssen?: undefined;
}

export interface JanssenSimulatorOptions extends CommonOptions {
  target: 'janssen';
  /** The bundled "SCIM Client": may obtain tokens with any SCIM scope. */
  adminClient: { clientId: string; secret: string };
  defects?: JanssenDefect[];
  janssen?: JanssenOptions;
  ws1Access?: undefined;
}

/** The simulator to start, by target. */
export type SimulatorOptions = Ws1AccessSimulatorOptions | JanssenSimulatorOptions;

export interface RunningSimulator<State = Ws1AccessState, Defect extends string = Ws1AccessDefect> {
  url: string;
  state: State;
  /** The defects in force; a test may change them while it runs. */
  defects: Set<Defect>;
  close(): Promise<void>;
}

export type RunningWs1AccessSimulator = RunningSimulator<Ws1AccessState, Ws1AccessDefect>;
export type RunningJanssenSimulator = RunningSimulator<JanssenState, JanssenDefect>;
/** A simulator of either target, for callers that pick the target at run time. */
export type AnySimulator = RunningWs1AccessSimulator | RunningJanssenSimulator;

/** Starts a simulated tenant over HTTP (loopback by default) and resolves once it listens. */
export function startSimulator(options: Ws1AccessSimulatorOptions): Promise<RunningWs1AccessSimulator>;
export function startSimulator(options: JanssenSimulatorOptions): Promise<RunningJanssenSimulator>;
export function startSimulator(options: SimulatorOptions): Promise<AnySimulator>;
export async function startSimulator(options: SimulatorOptions): Promise<AnySimulator> {
  checkDefects(options.target, options.defects ?? []);
  // Loaded here so commands that never simulate do not pay for Express.
  if (options.target === 'janssen') {
    const { createJanssenApp } = await import('./janssen/app.js');
    const built = createJanssenApp(options.adminClient, options.janssen, options.defects);
    return listen(options, built);
  }
  const { createWs1AccessApp } = await import('./ws1-access/app.js');
  const built = createWs1AccessApp(options.adminClient, { ...options.ws1Access, defects: options.defects });
  return listen(options, built);
}

/** A defect of another target is a usage mistake (their names are checked as the union of both). */
function checkDefects(target: SimulatorTarget, defects: readonly string[]): void {
  const own = defectsFor(target);
  const foreign = defects.find((defect) => !Object.hasOwn(own, defect));
  if (foreign !== undefined) {
    throw new UsageError(
      `defect "${foreign}" is not one of the ${target} simulator's; use one of: ${Object.keys(own).join(', ')}`,
    );
  }
}

async function listen<State, Defect extends string>(
  options: CommonOptions,
  built: {
    app: Express;
    state: State;
    defects: Set<Defect>;
    clientError: (error: Error & { code?: string }, socket: Duplex) => void;
  },
): Promise<RunningSimulator<State, Defect>> {
  const wanted = options.port ?? 0;
  const server: Server = built.app.listen(wanted, options.host ?? '127.0.0.1');
  server.on('clientError', built.clientError);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`--port: ${wanted} is in use; pick another port, or 0 for any free one`);
    if (code === 'EACCES') throw new UsageError(`--port: ${wanted} needs privileges; pick a port above 1023, or 0`);
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`--host: ${options.host} is not an address of this machine`);
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    state: built.state,
    defects: built.defects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
