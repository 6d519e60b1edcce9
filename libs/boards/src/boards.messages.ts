import { registerMessages } from '@helpboard/core';

registerMessages({
  en: {
    SLUG_INVALID: 'Use 3–40 lower-case letters, digits and "-", starting and ending with a letter or digit.',
    OPERATOR_SLUG_TAKEN: 'An operator with this slug already exists.',
    BOARD_SLUG_TAKEN: 'A board with this slug already exists.',
    OPERATOR_NOT_FOUND: 'Operator not found.',
    BOARD_NOT_FOUND: 'Board not found.',
    UNKNOWN_HANDLE: 'No user has this handle.',
    BOARD_ARCHIVED: 'This board is archived and read-only.',
    BOARD_PRIVATE: 'This board is private.',
    BOARD_ROLE_REQUIRED: 'Your role on this board does not allow that.',
    OPERATOR_ADMIN_REQUIRED: "Only the operator's administrators can do that.",
    STAFF_AFTER_EXPERTS: 'Staff escalation must come after expert escalation.',
    OWNER_GRANT_REQUIRES_OPERATOR_ADMIN: 'Only operator administrators can appoint or remove owners.',
    LAST_OPERATOR_ADMIN: 'An operator keeps at least one administrator.',
  },
  'zh-CN': {
    SLUG_INVALID: '请使用 3–40 个小写字母、数字和“-”，首尾须为字母或数字。',
    OPERATOR_SLUG_TAKEN: '已存在使用此标识的运营方。',
    BOARD_SLUG_TAKEN: '已存在使用此标识的专版。',
    OPERATOR_NOT_FOUND: '未找到该运营方。',
    BOARD_NOT_FOUND: '未找到该专版。',
    UNKNOWN_HANDLE: '没有使用此用户名的用户。',
    BOARD_ARCHIVED: '该专版已归档，只能浏览。',
    BOARD_PRIVATE: '该专版不公开。',
    BOARD_ROLE_REQUIRED: '你在该专版的角色不允许此操作。',
    OPERATOR_ADMIN_REQUIRED: '只有运营方管理员可以执行此操作。',
    STAFF_AFTER_EXPERTS: '转交客服的时间必须晚于转交达人的时间。',
    OWNER_GRANT_REQUIRES_OPERATOR_ADMIN: '只有运营方管理员可以任命或撤销版主负责人。',
    LAST_OPERATOR_ADMIN: '运营方至少要保留一名管理员。',
  },
});

/** Operators and boards have public URLs: lower-case, digits and inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
