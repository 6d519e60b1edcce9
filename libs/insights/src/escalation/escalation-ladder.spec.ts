import { describe, expect, it } from '@jest/globals';
import { dueSteps } from './escalation-ladder.js';
import { EscalationTier } from './escalation.schema.js';

const asked = new Date('2026-03-01T08:00:00Z');
const settings = { expertsAfterMinutes: 30, staffAfterMinutes: 240 };
const at = (minutes: number) => new Date(asked.getTime() + minutes * 60_000);

describe('escalation ladder', () => {
  it('is due for experts exactly at the configured minute, not a millisecond before', () => {
    expect(dueSteps(EscalationTier.NONE, asked, settings, new Date(at(30).getTime() - 1))).toEqual([]);
    expect(dueSteps(EscalationTier.NONE, asked, settings, at(30))).toEqual([
      { step: EscalationTier.EXPERTS, dueAt: at(30) },
    ]);
  });

  it('takes every missed step, in order, after a long pause', () => {
    expect(dueSteps(EscalationTier.NONE, asked, settings, at(600)).map((s) => s.step)).toEqual([
      EscalationTier.EXPERTS,
      EscalationTier.STAFF,
    ]);
  });

  it('never takes a step again once past it', () => {
    expect(dueSteps(EscalationTier.EXPERTS, asked, settings, at(100))).toEqual([]);
    expect(dueSteps(EscalationTier.STAFF, asked, settings, at(10_000))).toEqual([]);
    expect(dueSteps(EscalationTier.CASE, asked, settings, at(10_000))).toEqual([]);
  });
});
