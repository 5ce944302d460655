import { gradeText, type CheckLevel, type Client } from '../names.js';
import { clientsOf, type CheckClients } from './check-clients.js';
import { levelOf, type CheckLevels } from './check-levels.js';
import { checkNames } from './check-names.js';
import type { FolderTemplate, RequestTemplate } from './template-schema.js';

/** What a request's documentation is made of (see RequestTemplate). */
interface RequestDocsParts {
  /** What the request does, naming the document step or console setting it implements. */
  description: string;
  /** Its checks in the order its scripts make them, with what each weighs. */
  checks: { name: string; level: CheckLevel; clients?: readonly Client[] }[];
  /** The causes of a failure and their fixes (the request's own, or its folder's). */
  whenItFails: string;
  /** Variables earlier requests must have set (RequestTemplate.requires). */
  requires?: string[];
}

/**
 * A request's documentation, from its template: its description, the checks its scripts make with their levels and
 * the clients that depend on them, and what to do when it fails, which every request says, or its folder for it.
 */
export function requestDocumentation(
  template: RequestTemplate,
  folder: FolderTemplate,
  grades: { levels?: CheckLevels; clients?: CheckClients },
  origin: string,
): string {
  const whenItFails = template.whenItFails ?? folder.whenItFails;
  if (!whenItFails) {
    throw new Error(
      `template ${origin}: ${template.name} does not say what to do when it fails: give it whenItFails, or its folder`,
    );
  }
  const scripts = [template.prerequest, template.test].filter(Boolean).join('\n');
  const checks = [...new Set(checkNames(scripts))].map((name) => ({
    name,
    level: levelOf(grades.levels, name),
    clients: clientsOf(grades.clients, name),
  }));
  return requestDocs({ description: template.description, checks, whenItFails, requires: template.requires });
}

/**
 * A request's documentation as Postman shows it (request.description, Markdown): what the step does and which
 * document step it is, the checks it makes, and what to do when it fails.
 */
function requestDocs(parts: RequestDocsParts): string {
  const sections = [parts.description.trim()];
  if (parts.checks.length) {
    sections.push(['**Checks**', ...parts.checks.map((check) => `- ${check.name} (${gradeText(check)})`)].join('\n'));
  }
  const failing = [`**When it fails**`, parts.whenItFails.trim()];
  if (parts.requires?.length) {
    const names = parts.requires.map((name) => `\`${name}\``).join(', ');
    failing.push(
      `It needs ${names}, set by the requests before it: when one of those failed, this one is skipped and ` +
        '*prerequisites are set* fails. Fix the first request above it that failed, then run this one again.',
    );
  }
  sections.push(failing.join('\n\n'));
  return sections.join('\n\n');
}
