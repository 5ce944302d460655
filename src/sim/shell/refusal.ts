/**
 * A refusal a simulator answers on purpose, in its target's format. Whatever else a handler throws, but for the
 * client mistakes Express catches, is a simulator bug.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
