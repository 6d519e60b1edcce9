// Runs one mutation many times at once and sorts the answers, so a race test can compare the end
// state with what a serial run could have produced.
import type { GraphQLResponse, TestApp } from '../../e2e/support/test-app.js';

export const PARALLEL = 20;

export interface RaceOutcome {
  /** Responses without errors. */
  succeeded: GraphQLResponse[];
  /** Error codes and reasons of the others, e.g. `PRECONDITION_FAILED/NOT_ENOUGH_REPUTATION`. */
  refusals: string[];
}

export async function race(calls: (index: number) => Promise<GraphQLResponse>, times = PARALLEL): Promise<RaceOutcome> {
  const responses = await Promise.all(Array.from({ length: times }, (_, index) => calls(index)));
  const succeeded = responses.filter((response) => !response.errors?.length);
  const refusals = responses
    .filter((response) => response.errors?.length)
    .map((response) => {
      const extensions = response.errors![0].extensions ?? {};
      return extensions.reason ? `${extensions.code}/${extensions.reason}` : String(extensions.code);
    });
  return { succeeded, refusals };
}

/** No call may fail as a server error: a lost race is a clear refusal, a retry or the existing row. */
export function serverErrors(outcome: RaceOutcome): string[] {
  return outcome.refusals.filter((refusal) => refusal.startsWith('INTERNAL_SERVER_ERROR'));
}

/**
 * Gives a user reputation on a board the way a rule does (a ledger entry and the totals, in one
 * transaction), without the dozen sign-ups and votes earning it through the API would take.
 */
export async function giveReputation(t: TestApp, userId: string, boardId: string, amount: number): Promise<void> {
  const { UnitOfWork } = await import('@helpboard/database');
  const { ReputationKind } = await import('@helpboard/reputation');
  const { ReputationService } = await import('../../../libs/reputation/src/reputation.service.js');
  const cause = { source: `test-grant:${userId}:${boardId}`, boardId, actorId: userId, at: t.clock.now() };
  await t.app
    .get(UnitOfWork)
    .run((tx) =>
      t.app.get(ReputationService).award(tx, cause, [{ userId, kind: ReputationKind.ANSWER_UPVOTED, delta: amount }]),
    );
}
