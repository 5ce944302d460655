import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

type CreateConnection = (
  options: object,
  callback: (error: Error | null, socket?: Duplex) => void,
) => Duplex | undefined;

/**
 * The HTTP agents a Newman run sends through, with a switch that cuts them: open sockets are destroyed and
 * new connections fail at once. Newman's library API cannot abort a run from outside; with `bail.folder`
 * (abortOnError) the first failed request ends it, so cutting the agents stops a run in progress (Ctrl-C).
 */
export class KillSwitch {
  readonly agents = { http: new http.Agent(), https: new https.Agent() };
  private reason: string | undefined;

  constructor() {
    for (const agent of Object.values(this.agents)) {
      const connect = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
      (agent as unknown as { createConnection: CreateConnection }).createConnection = (options, callback) => {
        if (!this.reason) return connect(options, callback);
        callback(new Error(this.reason));
        return undefined;
      };
    }
  }

  get stopped(): string | undefined {
    return this.reason;
  }

  stop(reason: string): void {
    this.reason ??= reason;
    for (const agent of Object.values(this.agents)) agent.destroy();
  }
}
