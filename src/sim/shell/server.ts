import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../errors.js';
import type { SimulatorApp } from './app.js';

/** Where a simulator listens: loopback by default; port 0 picks a free one. */
export interface Listening {
  host?: string;
  port?: number;
}

export interface RunningSimulator<State = unknown, Defect extends string = string> {
  url: string;
  state: State;
  /** The defects in force; a test may change them while it runs. */
  defects: Set<Defect>;
  close(): Promise<void>;
}

/** Serves a simulated tenant over HTTP and resolves once it listens. */
export async function serve<State, Defect extends string>(
  built: SimulatorApp<State, Defect>,
  options: Listening,
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
