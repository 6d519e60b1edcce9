// Badges.xml: each award kept as an imported badge of its user on the board (name, class, date,
// source); awards of users the dump does not have are reported and skipped.
import type { ImportedAccountsService } from '@helpboard/identity';
import { BadgeTier, type ImportedBadge, type ImportedBadgesService } from '@helpboard/reputation';
import { BadValue, dumpDate, dumpInt } from './dump-values.js';
import { mapRows, type Phase } from './phase.js';

/** SE: Class 1 gold, 2 silver, 3 bronze. */
const TIERS: Record<number, BadgeTier> = { 1: BadgeTier.GOLD, 2: BadgeTier.SILVER, 3: BadgeTier.BRONZE };

export function badgesPhase(accounts: ImportedAccountsService, badges: ImportedBadgesService): Phase {
  return {
    name: 'badges',
    table: 'Badges',
    required: false,
    batchSize: 10_000,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        const id = dumpInt(row, 'Id');
        const name = row.Name?.trim();
        if (!name) throw new BadValue('Name is missing');
        const tier = TIERS[dumpInt(row, 'Class')];
        if (!tier) throw new BadValue(`Class is not 1, 2 or 3: ${row.Class}`);
        const userSourceId = dumpInt(row, 'UserId');
        return {
          userSourceId,
          badge: {
            _id: context.ids.badge(id),
            userId: context.ids.user(userSourceId),
            boardId: context.boardId,
            name,
            tier,
            isTagBased: row.TagBased === 'True',
            awardedAt: dumpDate(row, 'Date'),
            origin: { site: context.ids.site, id },
          } satisfies ImportedBadge,
        };
      });
      const present = await accounts.existingIds(
        mapped.map((m) => m.item.badge.userId),
        context.tx.session,
      );
      const known = mapped.filter((m) => {
        if (present.has(m.item.badge.userId.toHexString())) return true;
        context.problem(m.line, `UserId ${m.item.userSourceId}: no such user`);
        return false;
      });
      const added = await badges.addMissing(
        known.map((m) => m.item.badge),
        context.tx.session,
      );
      return { added, ignored };
    },
  };
}
