import { OperatorRecord } from '../operator/operator.schema.js';
import { resolveBoardSettings } from '../settings/board-settings.js';
import { Board, Operator } from './board.model.js';
import { BoardRecord } from './board.schema.js';

export function toBoard(record: BoardRecord): Board {
  return {
    id: record._id.toHexString(),
    slug: record.slug,
    title: record.title,
    description: record.description,
    kind: record.kind,
    region: record.region,
    tags: record.tags,
    visibility: record.visibility,
    isArchived: record.archivedAt !== null,
    archivedAt: record.archivedAt,
    memberCount: record.memberCount,
    settings: resolveBoardSettings(record.settingsOverrides),
    createdAt: record.createdAt,
    operatorId: record.operatorId.toHexString(),
  };
}

export function toOperator(record: OperatorRecord): Operator {
  return {
    id: record._id.toHexString(),
    slug: record.slug,
    name: record.name,
    createdAt: record.createdAt,
    adminIds: record.adminIds.map((id) => id.toHexString()),
  };
}
