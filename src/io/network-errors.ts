/** Codes of the refusals of scimkit's own transport (src/run/transport.ts). */
export const TRANSPORT_ERRORS = {
  otherOrigin: 'ESCIMKIT_OTHER_ORIGIN',
  deadline: 'ESCIMKIT_DEADLINE',
  tooLarge: 'ESCIMKIT_TOO_LARGE',
  stopped: 'ESCIMKIT_STOPPED',
} as const;

export function transportError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** A one-line cause, with what to do, for a request that got no (complete, acceptable) answer. */
export function describeNetworkError(
  error: Error & { code?: string; hostname?: string; address?: string; port?: number },
  host = 'the host',
): string {
  const where = error.address ? `${error.address}${error.port ? `:${error.port}` : ''}` : (error.hostname ?? host);
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: is the tenant URL right and the service up?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS lookup failed for ${error.hostname ?? host}: check the tenant URL`;
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return `no answer from ${where} in time (request timeout): the tenant is slow or unreachable`;
    case TRANSPORT_ERRORS.deadline:
      return `${where} sent ${error.message}: the tenant is slow or stalling (raise --timeout-request if it is only slow)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to ${where} was cut before the answer was complete`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable from this machine`;
    case 'EPROTO':
      return `TLS handshake with ${where} failed: is it an https endpoint? (${tlsReason(error.message)})`;
    case TRANSPORT_ERRORS.otherOrigin:
      return `redirect refused: ${error.message}`;
    case TRANSPORT_ERRORS.tooLarge:
      return `answer refused: ${error.message} (raise --max-answer-bytes if the answer is legitimate)`;
    case TRANSPORT_ERRORS.stopped:
      return `not completed: ${error.message}`;
    default:
      if (error.code && /CERT|SSL|TLS/i.test(error.code))
        return `TLS error with ${where} (${error.code}): ${tlsReason(error.message)}`;
      // postman-request's own refusals carry no code.
      if (/maxRedirects|redirect loop/i.test(error.message))
        return `${where} redirects in a loop: check the tenant URL`;
      if (/Maximum response size/i.test(error.message))
        return 'answer refused: its body, decompressed, exceeds --max-answer-bytes (raise it if the answer is legitimate)';
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}

/** OpenSSL's reason ("wrong version number") without its library, function and source-file noise. */
function tlsReason(message: string): string {
  const parts = message.split(':');
  const reason = parts.length > 5 ? parts[parts.length - 3] : undefined;
  return reason?.trim() || message;
}
