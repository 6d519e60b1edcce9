import { registerMessages } from '@helpboard/core';

registerMessages({
  en: {
    PRIVILEGE_REQUIRED: "You need {required} reputation on this operator's boards to do that.",
    OPERATOR_OR_BOARD_REQUIRED: 'Name an operator or a board.',
  },
  'zh-CN': {
    PRIVILEGE_REQUIRED: '需要在该运营方的专版上获得 {required} 点声望才能执行此操作。',
    OPERATOR_OR_BOARD_REQUIRED: '请指定运营方或专版。',
  },
});
