/** A one-line cause for a request that got no answer, from Node's error codes. */
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
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to ${where} was cut before the answer was complete`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable from this machine`;
    case 'EPROTO':
      return `TLS handshake with ${where} failed: is it an https endpoint? (${tlsReason(error.message)})`;
    default:
      if (error.code && /CERT|SSL|TLS/i.test(error.code))
        return `TLS error with ${where} (${error.code}): ${tlsReason(error.message)}`;
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}

/** OpenSSL's reason ("wrong version number") without its library, function and source-file noise. */
function tlsReason(message: string): string {
  const parts = message.split(':');
  const reason = parts.length > 5 ? parts[parts.length - 3] : undefined;
  return reason?.trim() || message;
}
