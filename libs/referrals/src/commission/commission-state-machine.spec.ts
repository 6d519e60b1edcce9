import { describe, expect, it } from '@jest/globals';
import { CommissionStateMachine, CommissionStatus as S } from './commission-state-machine.js';

describe('commission states', () => {
  it('moves pending → approved → paid and nowhere backwards', () => {
    expect(CommissionStateMachine.canMove(S.PENDING, S.APPROVED)).toBe(true);
    expect(CommissionStateMachine.canMove(S.APPROVED, S.PAID)).toBe(true);
    expect(CommissionStateMachine.canMove(S.PAID, S.APPROVED)).toBe(false);
    expect(CommissionStateMachine.canMove(S.PENDING, S.PAID)).toBe(false);
  });

  it('lets any earning commission be reversed, and nothing leave rejected or reversed', () => {
    for (const from of [S.PENDING, S.APPROVED, S.PAID])
      expect(CommissionStateMachine.canMove(from, S.REVERSED)).toBe(true);
    for (const to of Object.values(S)) {
      expect(CommissionStateMachine.canMove(S.REJECTED, to)).toBe(false);
      expect(CommissionStateMachine.canMove(S.REVERSED, to)).toBe(false);
    }
  });
});
