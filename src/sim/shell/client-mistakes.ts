/** What body-parser's own refusals say, by their `type`; other 4xx keep their own message. */
const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'entity.verify.failed': 'The request body could not be read.',
  'request.aborted': 'The request body was cut short.',
  'request.size.invalid': 'The request body does not match its Content-Length.',
  'stream.encoding.set': 'The request body could not be read.',
  'parameters.too.many': 'The request body has too many parameters.',
};

/**
 * The status and message of a client mistake that Express, its router or body-parser caught (they throw errors
 * with a 4xx `status`: bad JSON, a body too large, an unknown charset or Content-Encoding, an undecodable %-escape
 * in the path), for each target to answer in its own format; undefined for anything else, a simulator bug.
 */
export function clientMistake(error: unknown): { status: number; message: string } | undefined {
  const { status, type, message } = (error ?? {}) as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return { status, message: PARSER_MESSAGES[String(type)] ?? String(message) };
}
