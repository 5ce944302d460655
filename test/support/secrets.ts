import type { RunningWs1AccessSimulator } from '../../src/targets/ws1-access/simulator.js';
import { ADMIN, recordIssuedTokens } from './sim.js';

/**
 * The secrets a run against this simulator meets, from now on: the admin client's, every token the simulator
 * issues and every client secret it generates. `forms()` lists each in the forms a page could carry it in.
 */
export function recordRunSecrets(sim: RunningWs1AccessSimulator): { tokens(): string[]; forms(): string[] } {
  const issued = recordIssuedTokens(sim);
  const clients: { clientId: string; secret: string }[] = [];
  const { clients: table } = sim.state;
  const set = table.set.bind(table);
  table.set = (id, client) => {
    clients.push({ clientId: client.clientId, secret: client.secret });
    return set(id, client);
  };
  const tokens = () => issued.map((token) => token.value);
  return {
    tokens,
    forms: () => {
      const secrets = [ADMIN.secret, ...clients.map((client) => client.secret), ...tokens()];
      const ids = [ADMIN.clientId, ...clients.map((client) => client.clientId)];
      return secrets.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
        ...ids.map((id) => Buffer.from(`${id}:${secret}`).toString('base64')),
      ]);
    },
  };
}
