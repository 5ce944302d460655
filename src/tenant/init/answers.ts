import type { AnyQuestion, Answers, TargetId } from '../../targets/index.js';
import { checkField, fieldSchema } from '../validate.js';

/** Words a yes-or-no answer may be, typed or given to a flag. */
const YES = /^(y|yes|true)$/i;
const NO = /^(n|no|false)$/i;

/**
 * Turns an answer, typed or given to a flag, into the value its field holds, checked as loading the profile checks
 * it (throws a UsageError naming `label` otherwise). The field's schema says what the text is: a number, yes or no
 * (a flag given alone means yes; `--no-<flag>` means no), or the text itself.
 */
export function answerValue(target: TargetId, question: AnyQuestion, given: string | boolean, label: string): unknown {
  return checkField(target, question.field, typed(target, question.field, given), label);
}

function typed(target: TargetId, field: string, given: string | boolean): unknown {
  if (typeof given !== 'string') return given;
  const text = given.trim();
  switch (fieldSchema(target, field).schema.type) {
    case 'integer':
    case 'number':
      return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'boolean':
      return text === '' || YES.test(text) ? true : NO.test(text) ? false : text;
    default:
      return text;
  }
}

/** What an unanswered question stands for: a value suggested from earlier answers, or the schema's default. */
export function defaultText(target: TargetId, question: AnyQuestion, answers: Answers): string | undefined {
  const fallback = question.suggest?.(answers) ?? fieldSchema(target, question.field).schema.default;
  if (fallback === undefined) return undefined;
  return typeof fallback === 'boolean' ? (fallback ? 'yes' : 'no') : String(fallback);
}

/** Whether a question may go unanswered (when it has no default): its field is optional. */
export function mayBeLeftOut(target: TargetId, question: AnyQuestion): boolean {
  return !fieldSchema(target, question.field).required;
}

/** Whether a question is answered yes or no. */
export function isYesNo(target: TargetId, question: AnyQuestion): boolean {
  return fieldSchema(target, question.field).schema.type === 'boolean';
}
