import { requestKey } from '../names.js';
import type { HttpMessage, Reporter, RequestResult, RunInfo } from '../report/types.js';

/** An answer the examples run got, as a report holds it: masked (src/run/http-message.ts). */
export interface Answer {
  code: number;
  status: string;
  response: HttpMessage;
}

/** What a cache keeps of an examples run (src/examples/cache.ts): as JSON, and given back as it was. */
export interface SavedAnswers {
  origin: string;
  answers: [string, Answer][];
}

/**
 * A reporter that keeps, for each request of the examples run (and each copy sent for an example), the first answer
 * it got: one per request, so memory stays small. It also notes where the run sent them (the simulator's URL).
 */
export class ExampleAnswers implements Reporter {
  private readonly answers = new Map<string, Answer>();
  private sentTo = '';

  start(info: RunInfo): void {
    this.sentTo = info.baseUrl;
  }

  request(result: RequestResult): void {
    const key = requestKey(result.folder, result.name);
    const response = result.exchange?.response;
    if (this.answers.has(key) || !response || result.status === undefined) return;
    this.answers.set(key, { code: result.status, status: result.statusText ?? '', response });
  }

  async end(): Promise<void> {}

  /** The simulator's origin, which the answers name where the tenant would name its own. */
  get origin(): string {
    return this.sentTo;
  }

  answerOf(folder: string, request: string): Answer | undefined {
    return this.answers.get(requestKey(folder, request));
  }

  saved(): SavedAnswers {
    return { origin: this.sentTo, answers: [...this.answers] };
  }

  static restored(saved: SavedAnswers): ExampleAnswers {
    const restored = new ExampleAnswers();
    restored.sentTo = saved.origin;
    for (const [key, answer] of saved.answers) restored.answers.set(key, answer);
    return restored;
  }
}
