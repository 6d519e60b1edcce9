// When the next rung of the ladder is due: pure, from the board's settings.
import type { BoardSettingsValues } from '@helpboard/boards';
import { EscalationTier } from './escalation.schema.js';

const MINUTE = 60_000;

export interface DueStep {
  step: EscalationTier.EXPERTS | EscalationTier.STAFF;
  dueAt: Date;
}

/**
 * The steps due by `now` for a question asked at `askedAt` that is at `tier`, in order. A job that
 * ran late (or after a restart) takes every step it missed, each with the time it was due.
 */
export function dueSteps(
  tier: EscalationTier,
  askedAt: Date,
  settings: BoardSettingsValues['escalation'],
  now: Date,
): DueStep[] {
  const ladder: DueStep[] = [
    { step: EscalationTier.EXPERTS, dueAt: new Date(askedAt.getTime() + settings.expertsAfterMinutes * MINUTE) },
    { step: EscalationTier.STAFF, dueAt: new Date(askedAt.getTime() + settings.staffAfterMinutes * MINUTE) },
  ];
  const passed = tier === EscalationTier.NONE ? 0 : tier === EscalationTier.EXPERTS ? 1 : 2;
  return ladder.slice(passed).filter((step) => step.dueAt.getTime() <= now.getTime());
}
