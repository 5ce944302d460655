import { oneLine, UsageError } from '../../errors.js';
import { questionsOf, TARGET_IDS, targets, type AnyQuestion, type TargetId } from '../../targets/index.js';
import { checkTarget } from '../validate.js';
import { answerValue, defaultText, isYesNo, mayBeLeftOut } from './answers.js';

/** Where the wizard asks what no flag answered. */
export interface Terminal {
  /** Shows the prompt and resolves with the line typed. */
  question(prompt: string): Promise<string>;
  /** Shows one line. */
  say(line: string): void;
}

export interface WizardInput {
  /** The flags given (name without "--", value as parsed): `target` and the questions' flags. */
  flags: Readonly<Record<string, string | boolean | undefined>>;
  /** Where to ask the rest; without one, every answer that has no default must be a flag. */
  terminal?: Terminal;
  /** The caller's own check of an answer (the file a name leads to); throws a UsageError saying what to do. */
  alsoCheck?: (field: string, value: unknown) => void;
}

/** A target and the values of its profile's fields, by field path, in the order asked. */
export interface WizardAnswers {
  target: TargetId;
  values: Map<string, unknown>;
}

/**
 * Answers a profile's questions: from a flag when one is given (a bad value is an error naming the flag), else at
 * the terminal, asking again with the reason until the answer passes the checks loading the profile makes, else
 * from the question's default. Without a terminal, questions left with no answer are one error naming their flags.
 */
export async function answerQuestions({ flags, terminal, alsoCheck }: WizardInput): Promise<WizardAnswers> {
  const target = await answerTarget(flags.target, terminal);
  const questions = questionsOf(target);
  refuseOtherTargetsFlags(target, questions, flags);
  const values = new Map<string, unknown>();
  const missing: string[] = [];
  const take = (question: AnyQuestion, given: string | boolean, label: string) => {
    const value = answerValue(target, question, given, label);
    try {
      alsoCheck?.(question.field, value);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${label}: ${error.message}`);
      throw error;
    }
    return value;
  };
  for (const question of questions) {
    const given = flags[question.flag];
    if (question.askIf && !question.askIf(Object.fromEntries(values))) {
      if (given !== undefined) throw new UsageError(`--${question.flag}: not asked with the answers given; remove it`);
      continue;
    }
    const fallback = defaultText(target, question, Object.fromEntries(values));
    let value: unknown;
    if (given !== undefined) value = take(question, given, `--${question.flag}`);
    else if (terminal) {
      value = await askUntilTaken(terminal, promptOf(target, question, fallback), (text) => {
        const answer = text.trim() === '' ? fallback : text;
        if (answer === undefined && mayBeLeftOut(target, question)) return undefined;
        return take(question, answer ?? '', question.field);
      });
    } else if (fallback !== undefined) value = take(question, fallback, `--${question.flag}`);
    // A suggestion waits for the answer it is drawn from (a secret's variable for the name): only that is missing.
    else if (!question.suggest && !mayBeLeftOut(target, question)) missing.push(`--${question.flag}`);
    if (value !== undefined) values.set(question.field, value);
  }
  if (missing.length > 1) throw new UsageError(`${listed(missing)} are missing; give them, ${OR_ASK}`);
  if (missing.length) throw new UsageError(`${missing[0]} is missing; give it, ${OR_ASK}`);
  return { target, values };
}

const OR_ASK = 'or run scimkit init in a terminal to be asked';

async function answerTarget(given: string | boolean | undefined, terminal: Terminal | undefined): Promise<TargetId> {
  if (given !== undefined) return checkTarget(given, '--target');
  if (!terminal) throw new UsageError(`--target is missing; give one of: ${TARGET_IDS.join(', ')}, ${OR_ASK}`);
  TARGET_IDS.forEach((id, index) => terminal.say(`  ${index + 1}) ${targets[id].label} (${id})`));
  return askUntilTaken(terminal, `Target (1-${TARGET_IDS.length}, or its id): `, (text) => {
    const number = /^\d+$/.test(text.trim()) ? Number(text) : 0;
    return checkTarget(TARGET_IDS[number - 1] ?? text.trim());
  });
}

/** A flag of another target's question would be silently dropped: it is refused instead. */
function refuseOtherTargetsFlags(target: TargetId, questions: AnyQuestion[], flags: WizardInput['flags']): void {
  const asked = new Set(['target', ...questions.map((question) => question.flag)]);
  const stray = Object.keys(flags).find((flag) => flags[flag] !== undefined && !asked.has(flag));
  if (stray !== undefined)
    throw new UsageError(`--${stray}: a ${targets[target].label} profile has no such question; remove it`);
}

/** "Its domain [OKTA.COM]: ", "Does the server ...? (y/n) [no]: ", "... the Okta client's secret (Enter: none): ". */
function promptOf(target: TargetId, question: AnyQuestion, fallback: string | undefined): string {
  const yesNo = isYesNo(target, question) ? ' (y/n)' : '';
  const hint = fallback !== undefined ? ` [${fallback}]` : mayBeLeftOut(target, question) ? ' (Enter: none)' : '';
  return `${question.ask}${yesNo}${hint}: `;
}

async function askUntilTaken<T>(terminal: Terminal, prompt: string, take: (text: string) => T): Promise<T> {
  for (;;) {
    const text = await terminal.question(prompt);
    try {
      return take(text);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      terminal.say(`  ✗ ${oneLine(error)}`);
    }
  }
}

function listed(items: string[]): string {
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
