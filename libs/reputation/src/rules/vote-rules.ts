// What each event is worth, per the board's rules (defaults follow Stack Exchange: +10 for an
// upvoted question or answer, −2 per downvote, −1 to whoever downvotes an answer, +15 for an
// accepted answer and +2 to the asker who accepts, +10 for an official answer).
import type { BoardSettingsValues } from '@helpboard/boards';
import { ReputationKind } from '../ledger/reputation-entry.schema.js';

export interface Award {
  userId: string;
  kind: ReputationKind;
  delta: number;
}

export function awardsForVote(
  vote: { value: -1 | 0 | 1; postKind: 'QUESTION' | 'ANSWER'; authorId: string; voterId: string },
  rules: BoardSettingsValues['reputation'],
): Award[] {
  if (vote.value === 1) {
    return vote.postKind === 'QUESTION'
      ? [{ userId: vote.authorId, kind: ReputationKind.QUESTION_UPVOTED, delta: rules.questionUpvote }]
      : [{ userId: vote.authorId, kind: ReputationKind.ANSWER_UPVOTED, delta: rules.answerUpvote }];
  }
  if (vote.value === -1) {
    const awards: Award[] = [{ userId: vote.authorId, kind: ReputationKind.POST_DOWNVOTED, delta: rules.postDownvote }];
    if (vote.postKind === 'ANSWER')
      awards.push({ userId: vote.voterId, kind: ReputationKind.DOWNVOTED_ANSWER, delta: rules.downvoteCost });
    return awards;
  }
  return [];
}

export function awardsForAccept(
  accept: { answerAuthorId: string; askerId: string },
  rules: BoardSettingsValues['reputation'],
): Award[] {
  // SE: accepting your own answer earns nothing.
  if (accept.answerAuthorId === accept.askerId) return [];
  return [
    { userId: accept.answerAuthorId, kind: ReputationKind.ANSWER_ACCEPTED, delta: rules.answerAccepted },
    { userId: accept.askerId, kind: ReputationKind.ACCEPTED_AN_ANSWER, delta: rules.acceptorBonus },
  ];
}

export function awardsForOfficial(
  official: { answerAuthorId: string; markerId: string },
  rules: BoardSettingsValues['reputation'],
): Award[] {
  // As accepting your own answer (SE): acting on your own post earns nothing.
  if (official.answerAuthorId === official.markerId) return [];
  return [{ userId: official.answerAuthorId, kind: ReputationKind.OFFICIAL_ANSWER, delta: rules.officialAnswer }];
}

/**
 * The part of a requested change that may be applied: vote gains stop at the daily cap, and no
 * total goes below 1. `voteGainToday` is the day's net from votes received, downvotes included
 * (SE: on a capped day a downvote lowers the counted total, so a later upvote earns again).
 */
export function applicableDelta(
  requested: number,
  options: { total: number; voteGainToday?: number; dailyCap?: number },
): number {
  let delta = requested;
  if (options.dailyCap !== undefined && delta > 0)
    delta = Math.max(0, Math.min(delta, options.dailyCap - (options.voteGainToday ?? 0)));
  if (options.total + delta < 1) delta = 1 - options.total;
  return delta;
}
