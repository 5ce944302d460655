import { STATUS_CODES } from 'node:http';
import type { ClientErrorHandler } from './app.js';

/**
 * Answers the requests Node's HTTP parser refuses before Express sees them (an unknown method, headers over
 * 16 KB, a malformed request line, one too slow to arrive) with a refusal the target formats.
 */
export function clientErrorHandler(
  format: (status: number, message: string) => { type: string; body: string },
): ClientErrorHandler {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : [400, `The request is not valid HTTP (${error.code ?? error.message}).`];
    const { type, body } = format(status, message);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${type}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
