// Users, questions, answers, comments and duplicate links of a Stack Exchange dump, mapped to
// the owning libs' import methods. Posts.xml is read twice (questions, then answers), so an
// answer never arrives before its question whatever the file's order.
import type { Types } from 'mongoose';
import type { ImportedAccountsService } from '@helpboard/identity';
import type {
  ImportedAnswer,
  ImportedComment,
  ImportedContentService,
  ImportedDuplicate,
  ImportedQuestion,
} from '@helpboard/threads';
import { dumpDate, dumpInt, dumpTags, optionalDate, optionalInt, BadValue } from './dump-values.js';
import { type BatchContext, mapRows, type Phase, reportDangling } from './phase.js';

const QUESTION = 1;
const ANSWER = 2;
const DUPLICATE_LINK = 3;
/** Posts carry bodies to convert and render: a few thousand make a batch of a few seconds. */
const CONTENT_BATCH = 2_000;

/** Authors by source user id: the account if it was imported, the ghost otherwise. */
async function authorsOf(
  accounts: ImportedAccountsService,
  context: BatchContext,
  sourceIds: (number | null)[],
): Promise<(sourceId: number | null) => Types.ObjectId> {
  const candidates = sourceIds.filter((id): id is number => id !== null).map((id) => context.ids.user(id));
  const present = await accounts.existingIds(candidates, context.tx.session);
  return (sourceId) => {
    if (sourceId === null) return context.ghostId;
    const id = context.ids.user(sourceId);
    return present.has(id.toHexString()) ? id : context.ghostId;
  };
}

export function usersPhase(accounts: ImportedAccountsService): Phase {
  return {
    name: 'users',
    table: 'Users',
    required: true,
    batchSize: CONTENT_BATCH,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        const id = dumpInt(row, 'Id');
        return {
          id: context.ids.user(id),
          displayName: row.DisplayName?.trim() || `user ${id}`,
          bio: '',
          createdAt: dumpDate(row, 'CreationDate'),
          origin: { site: context.ids.site, id },
        };
      });
      const added = await accounts.addMissing(
        mapped.map((m) => m.item),
        context.tx.session,
      );
      return { added, ignored };
    },
  };
}

function postOrigin(context: BatchContext, row: Record<string, string>, id: number) {
  return { site: context.ids.site, id, ...(row.CommunityOwnedDate ? { isCommunityWiki: true } : {}) };
}

export function questionsPhase(accounts: ImportedAccountsService, content: ImportedContentService): Phase {
  return {
    name: 'questions',
    table: 'Posts',
    required: true,
    batchSize: CONTENT_BATCH,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        if (dumpInt(row, 'PostTypeId') !== QUESTION) return null;
        const id = dumpInt(row, 'Id');
        const title = row.Title?.trim();
        if (!title) throw new BadValue('Title is missing');
        const accepted = optionalInt(row, 'AcceptedAnswerId');
        const createdAt = dumpDate(row, 'CreationDate');
        return {
          owner: optionalInt(row, 'OwnerUserId'),
          question: {
            id: context.ids.post(id),
            title,
            bodyHtml: row.Body ?? '',
            tags: dumpTags(row.Tags),
            viewCount: optionalInt(row, 'ViewCount') ?? 0,
            closedAt: optionalDate(row, 'ClosedDate'),
            acceptedAnswerId: accepted === null ? null : context.ids.post(accepted),
            createdAt,
            lastActivityAt: optionalDate(row, 'LastActivityDate') ?? createdAt,
            origin: postOrigin(context, row, id),
          },
        };
      });
      const authorOf = await authorsOf(
        accounts,
        context,
        mapped.map((m) => m.item.owner),
      );
      const questions: ImportedQuestion[] = mapped.map((m) => ({
        ...m.item.question,
        authorId: authorOf(m.item.owner),
      }));
      const { added } = await content.addQuestions(context.boardId, questions, context.tx);
      return { added, ignored };
    },
  };
}

export function answersPhase(accounts: ImportedAccountsService, content: ImportedContentService): Phase {
  return {
    name: 'answers',
    table: 'Posts',
    required: true,
    batchSize: CONTENT_BATCH,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        if (dumpInt(row, 'PostTypeId') !== ANSWER) return null;
        const id = dumpInt(row, 'Id');
        const createdAt = dumpDate(row, 'CreationDate');
        return {
          owner: optionalInt(row, 'OwnerUserId'),
          parent: dumpInt(row, 'ParentId'),
          answer: {
            id: context.ids.post(id),
            questionId: context.ids.post(dumpInt(row, 'ParentId')),
            bodyHtml: row.Body ?? '',
            createdAt,
            lastActivityAt: optionalDate(row, 'LastActivityDate') ?? createdAt,
            origin: postOrigin(context, row, id),
          },
        };
      });
      const authorOf = await authorsOf(
        accounts,
        context,
        mapped.map((m) => m.item.owner),
      );
      const answers = mapped.map((m) => ({
        line: m.line,
        item: { ...m.item.answer, authorId: authorOf(m.item.owner), parent: m.item.parent },
      }));
      const outcome = await content.addAnswers(
        context.boardId,
        answers.map((a): ImportedAnswer => a.item),
        context.tx,
      );
      reportDangling(answers, outcome.dangling, context, (a) => `ParentId ${a.parent}: no such question`);
      return { added: outcome.added, ignored };
    },
  };
}

export function commentsPhase(accounts: ImportedAccountsService, content: ImportedContentService): Phase {
  return {
    name: 'comments',
    table: 'Comments',
    required: false,
    batchSize: CONTENT_BATCH,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        const id = dumpInt(row, 'Id');
        return {
          owner: optionalInt(row, 'UserId'),
          postSourceId: dumpInt(row, 'PostId'),
          comment: {
            id: context.ids.comment(id),
            postId: context.ids.post(dumpInt(row, 'PostId')),
            text: row.Text ?? '',
            createdAt: dumpDate(row, 'CreationDate'),
            origin: { site: context.ids.site, id },
          },
        };
      });
      const authorOf = await authorsOf(
        accounts,
        context,
        mapped.map((m) => m.item.owner),
      );
      const comments = mapped.map((m) => ({
        line: m.line,
        item: { ...m.item.comment, authorId: authorOf(m.item.owner), postSourceId: m.item.postSourceId },
      }));
      const outcome = await content.addComments(
        context.boardId,
        comments.map((c): ImportedComment => c.item),
        context.tx,
      );
      reportDangling(comments, outcome.dangling, context, (c) => `PostId ${c.postSourceId}: no such post`);
      return { added: outcome.added, ignored };
    },
  };
}

export function linksPhase(content: ImportedContentService): Phase {
  return {
    name: 'links',
    table: 'PostLinks',
    required: false,
    batchSize: CONTENT_BATCH,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row) => {
        if (dumpInt(row, 'LinkTypeId') !== DUPLICATE_LINK) return null;
        const postId = dumpInt(row, 'PostId');
        const id = context.ids.postLink(dumpInt(row, 'Id'));
        return {
          id,
          source: `${postId} → ${dumpInt(row, 'RelatedPostId')}`,
          link: {
            id,
            questionId: context.ids.post(postId),
            duplicateOfId: context.ids.post(dumpInt(row, 'RelatedPostId')),
          },
        };
      });
      const outcome = await content.markDuplicates(
        mapped.map((m): ImportedDuplicate => m.item.link),
        context.tx,
      );
      reportDangling(mapped, outcome.dangling, context, (l) => `duplicate link ${l.source}: no such question`);
      return { added: outcome.added, ignored };
    },
  };
}
