// Limits and checks shared by asking, answering, commenting and editing.
import { type FieldProblem, NotFoundError, PreconditionFailedError } from '@helpboard/core';
import { normaliseTags } from '@helpboard/boards';
import { ThreadRecord, ThreadStatus } from './thread.schema.js';

export const TITLE_LENGTH = { min: 15, max: 150 };
export const QUESTION_BODY_LENGTH = { min: 20, max: 30_000 };
export const ANSWER_BODY_LENGTH = { min: 10, max: 30_000 };
export const COMMENT_LENGTH = { min: 2, max: 600 };
export const TAG_COUNT = { min: 1, max: 5 };
const TAG_PATTERN = /^[\p{L}\p{N}+#.-]{1,35}$/u;

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Length as readers perceive it: a CJK character carries about as much as two Latin letters, so
 * it counts twice (otherwise the 15-character minimum for titles would exclude most Chinese ones).
 */
export function displayLength(value: string): number {
  let length = 0;
  for (const character of value) length += WIDE.test(character) ? 2 : 1;
  return length;
}

function lengthProblem(value: string, field: string, limits: { min: number; max: number }): FieldProblem[] {
  const length = displayLength(value.trim());
  return length < limits.min || length > limits.max ? [{ field, message: 'LENGTH_OUT_OF_RANGE', params: limits }] : [];
}

export const titleProblems = (title: string) => lengthProblem(title, 'title', TITLE_LENGTH);
export const questionBodyProblems = (body: string) => lengthProblem(body, 'body', QUESTION_BODY_LENGTH);
export const answerBodyProblems = (body: string) => lengthProblem(body, 'body', ANSWER_BODY_LENGTH);
export const commentProblems = (body: string) => lengthProblem(body, 'body', COMMENT_LENGTH);

export function validTags(tags: readonly string[]): { tags: string[]; problems: FieldProblem[] } {
  const normalised = normaliseTags(tags);
  const problems: FieldProblem[] = [];
  if (normalised.length < TAG_COUNT.min || normalised.length > TAG_COUNT.max) {
    problems.push({ field: 'tags', message: 'LENGTH_OUT_OF_RANGE', params: TAG_COUNT });
  }
  if (normalised.some((tag) => !TAG_PATTERN.test(tag))) problems.push({ field: 'tags', message: 'TAG_INVALID' });
  return { tags: normalised, problems };
}

export function assertVisible(thread: ThreadRecord | null): asserts thread is ThreadRecord {
  if (!thread || thread.hiddenAt) throw new NotFoundError('Thread', 'THREAD_NOT_FOUND');
}

/** New answers and votes need an open, unlocked thread. */
export function assertOpen(thread: ThreadRecord): void {
  if (thread.isLocked) throw new PreconditionFailedError('THREAD_LOCKED');
  if (thread.status === ThreadStatus.CLOSED) throw new PreconditionFailedError('THREAD_CLOSED');
}

/** Comments, accepting and editing only need the thread not to be locked. */
export function assertUnlocked(thread: ThreadRecord): void {
  if (thread.isLocked) throw new PreconditionFailedError('THREAD_LOCKED');
}
