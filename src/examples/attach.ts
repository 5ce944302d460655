import { requestKey } from '../names.js';
import type { RenderedCollection } from '../render/collection.js';
import { exampleRequestName } from '../render/example-requests.js';
import type { Collection, Item } from '../render/postman-types.js';
import type { ExampleAnswers } from './answers.js';
import { exampleResponse } from './response.js';

/**
 * The collection with each request's saved examples: the answer it got in the examples run, named by its status,
 * then one per example its template declares, which must have the status declared. A request that got no answer
 * and declares no example, or an example of another status, is the templates' mistake: generating stops, naming
 * every one.
 */
export function withExamples(rendered: RenderedCollection, answers: ExampleAnswers, tenantUrl: string): Collection {
  const address = { simulator: answers.origin, tenant: tenantUrl };
  const mistakes: string[] = [];
  const item = rendered.collection.item.map((folder) => ({
    ...folder,
    item: folder.item.map((request): Item => {
      const key = requestKey(folder.name, request.name);
      const own = answers.answerOf(folder.name, request.name);
      const declared = rendered.examples.get(key) ?? [];
      const examples = declared.flatMap((example) => {
        const answer = answers.answerOf(folder.name, exampleRequestName(request.name, example.name));
        if (answer?.code === example.status) return [exampleResponse(example.name, request.request, answer, address)];
        mistakes.push(
          `${key}: the example "${example.name}" is declared with status ${example.status}, but the examples ` +
            `simulator answered ${answer ? answer.code : 'nothing (the copy was not sent)'}: fix its given: or status`,
        );
        return [];
      });
      if (!own && !declared.length) {
        mistakes.push(
          `${key}: the examples run did not send it (skipped), so it has no example: declare one (examples:) with the given: values that let it run`,
        );
      }
      const answered = own ? [exampleResponse(`${own.code} ${own.status}`, request.request, own, address)] : [];
      return { ...request, response: [...answered, ...examples] };
    }),
  }));
  if (mistakes.length) throw new Error(`the templates' examples: ${mistakes.join('; ')}`);
  return { ...rendered.collection, item };
}
