import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** One request that reached the proxy. */
export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What to do with a request: answer (perhaps what the tenant said), hold it forever, or drop the connection. */
export type Handler = (exchange: Exchange, forward: () => Promise<Reply>) => Promise<Reply | 'hold' | 'drop'>;

export interface Proxy {
  url: string;
  /** Every request, in the order it arrived. */
  seen: Exchange[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * A tenant in front of another (the simulator) on 127.0.0.1, port 0, that a test can make misbehave: answer
 * otherwise, never answer, or cut the connection, request by request. By default it passes everything on.
 */
export async function startProxy(target: string, handle: Handler = (_e, forward) => forward()): Promise<Proxy> {
  const seen: Exchange[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const exchange = { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
    seen.push(exchange);
    const forward = async (): Promise<Reply> => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([key]) => !HOP_BY_HOP.has(key) && key !== 'accept-encoding'),
      ) as Record<string, string>;
      const answer = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: exchange.body.length ? exchange.body : undefined,
        redirect: 'manual',
      });
      const replyHeaders: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!HOP_BY_HOP.has(key) && key !== 'content-encoding') replyHeaders[key] = value;
      });
      return { status: answer.status, headers: replyHeaders, body: Buffer.from(await answer.arrayBuffer()) };
    };
    try {
      const reply = await handle(exchange, forward);
      if (reply === 'hold') return;
      if (reply === 'drop') return void req.socket.destroy();
      res.writeHead(reply.status, reply.headers).end(reply.body);
    } catch {
      req.socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function textReply(status: number, text: string, contentType = 'text/plain'): Reply {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(text) };
}
