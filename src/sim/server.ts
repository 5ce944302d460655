import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TargetId } from '../tenant/types.js';
import type { Ws1AccessDefect } from './defects.js';
import type { Ws1AccessOptions } from './ws1-access/context.js';
import type { Ws1AccessState } from './ws1-access/state.js';

export interface SimulatorOptions {
  target: TargetId;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The admin client the simulator trusts; a run authenticates with it. */
  adminClient: { clientId: string; secret: string };
  defects?: Ws1AccessDefect[];
  ws1Access?: Omit<Ws1AccessOptions, 'defects'>;
}

export interface RunningSimulator {
  url: string;
  state: Ws1AccessState;
  /** The defects in force; a test may change them while it runs. */
  defects: Set<Ws1AccessDefect>;
  close(): Promise<void>;
}

/** Starts a simulated tenant over HTTP (loopback by default) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  // Loaded here so commands that never simulate do not pay for Express.
  const { createWs1AccessApp } = await import('./ws1-access/app.js');
  const { app, state, defects, clientError } = createWs1AccessApp(options.adminClient, {
    ...options.ws1Access,
    defects: options.defects,
  });
  const server: Server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  server.on('clientError', clientError);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    state,
    defects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
