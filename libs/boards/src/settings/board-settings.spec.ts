import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOARD_SETTINGS, mergeOverrides, resolveBoardSettings, settingsProblems } from './board-settings.js';

describe('board settings', () => {
  it('applies overrides on top of the defaults, group by group', () => {
    const settings = resolveBoardSettings({ reputation: { answerAccepted: 20 } });
    expect(settings.reputation.answerAccepted).toBe(20);
    expect(settings.reputation.answerUpvote).toBe(DEFAULT_BOARD_SETTINGS.reputation.answerUpvote);
    expect(settings.moderation).toEqual(DEFAULT_BOARD_SETTINGS.moderation);
  });

  it('merges later changes without losing earlier overrides, ignoring nulls', () => {
    const first = mergeOverrides({}, { escalation: { expertsAfterMinutes: 10 } });
    const second = mergeOverrides(first, { escalation: { staffAfterMinutes: 60, expertsAfterMinutes: undefined } });
    expect(second).toEqual({ escalation: { expertsAfterMinutes: 10, staffAfterMinutes: 60 } });
  });

  it('merges onto a board stored without overrides', () => {
    expect(mergeOverrides(undefined, { referrals: { allowedCampaignIds: [] } })).toEqual({
      referrals: { allowedCampaignIds: [] },
    });
  });

  it('names each invalid setting by its path', () => {
    expect(settingsProblems({ reputation: { postDownvote: 5 }, moderation: { hideThreshold: 0 } })).toEqual([
      { field: 'settings.reputation.postDownvote', message: 'INVALID_VALUE' },
      { field: 'settings.moderation.hideThreshold', message: 'INVALID_VALUE' },
    ]);
  });

  it('requires staff escalation to come after expert escalation', () => {
    expect(settingsProblems({ escalation: { expertsAfterMinutes: 60, staffAfterMinutes: 30 } })).toEqual([
      { field: 'settings.escalation.staffAfterMinutes', message: 'STAFF_AFTER_EXPERTS' },
    ]);
  });

  it('takes content languages from the supported BCP 47 list, once each, naming the list on a problem', () => {
    expect(settingsProblems({ content: { languages: ['zh-CN', 'en'] } })).toEqual([]);
    expect(resolveBoardSettings({ content: { languages: ['ja'] } }).content).toEqual({
      remoteImages: null,
      languages: ['ja'],
    });
    for (const languages of [
      [],
      ['en', 'en'],
      ['english'],
      ['en', 'xx-YY', 'zz'],
      ['en', 'de', 'fr', 'es', 'it', 'ja'],
    ]) {
      expect(settingsProblems({ content: { languages: languages as never } })).toEqual([
        { field: 'settings.content.languages', message: 'INVALID_VALUE' },
      ]);
    }
  });

  it('accepts the defaults', () => {
    expect(settingsProblems({})).toEqual([]);
  });
});
