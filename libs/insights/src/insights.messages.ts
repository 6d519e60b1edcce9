// Texts of the escalation ladder and support cases, in English and Simplified Chinese.
import { registerMessages } from '@helpboard/core';

registerMessages({
  en: {
    CASE_EXISTS: 'This question is already a support case.',
    INSIGHTS_SCOPE_REQUIRED: 'Give either a board or an operator.',
    ALERT_NOT_FOUND: 'Alert not found.',
    NOTIFICATION_INSIGHT_ALERT_QUESTION_SPIKE: 'Questions tagged “{tag}” are spiking on {board}: {observed} this hour.',
    NOTIFICATION_INSIGHT_ALERT_NEGATIVE_BURST:
      'A burst of negative posts on {board}: {observed} this hour, e.g. “{title}”.',
    NOTIFICATION_INSIGHT_ALERT_INFLUENTIAL_NEGATIVE: 'An influential member turned negative on {board}: “{title}”.',
    INSIGHTS_RANGE_INVALID: '`from` must be a valid time before `to`.',
    INSIGHTS_RANGE_TOO_LONG: 'At most {max} days at once.',
    ASK_SESSION_NOT_FOUND: 'These suggestions were not recorded for you.',
    NOT_A_SUGGESTION: 'This thread was not among the suggestions shown.',
    CASE_NOT_FOUND: 'Support case not found.',
    CASE_CHANGED: 'Someone changed this case meanwhile; reload it and try again.',
    CASE_TRANSITION_INVALID: 'A case cannot go from {from} to {to}.',
    NOTIFICATION_ESCALATION_EXPERTS: '“{title}” has waited for an answer: your expertise could help.',
    NOTIFICATION_ESCALATION_STAFF: '“{title}” is unanswered and waiting in the staff queue.',
    NOTIFICATION_ESCALATION_CASE: 'Staff are handling your question “{title}” as a private support case.',
    NOTIFICATION_ESCALATION_CASE_OPEN: 'Your support case “{title}” is open again.',
    NOTIFICATION_ESCALATION_CASE_WAITING_ON_CUSTOMER:
      'Staff are waiting for your reply on your support case “{title}”.',
    NOTIFICATION_ESCALATION_CASE_SOLVED: 'Your support case “{title}” is solved.',
  },
  'zh-CN': {
    CASE_EXISTS: '该问题已转为客服工单。',
    INSIGHTS_SCOPE_REQUIRED: '请指定一个专版或一个运营方（二选一）。',
    ALERT_NOT_FOUND: '未找到该预警。',
    NOTIFICATION_INSIGHT_ALERT_QUESTION_SPIKE: '{board} 上标签“{tag}”的提问激增：本小时 {observed} 个。',
    NOTIFICATION_INSIGHT_ALERT_NEGATIVE_BURST: '{board} 上负面帖子集中出现：本小时 {observed} 条，例如“{title}”。',
    NOTIFICATION_INSIGHT_ALERT_INFLUENTIAL_NEGATIVE: '{board} 上一位有影响力的成员发表了负面内容：“{title}”。',
    INSIGHTS_RANGE_INVALID: '`from` 必须是早于 `to` 的有效时间。',
    INSIGHTS_RANGE_TOO_LONG: '一次最多查询 {max} 天。',
    ASK_SESSION_NOT_FOUND: '未找到你的这组推荐记录。',
    NOT_A_SUGGESTION: '该主题不在所展示的推荐中。',
    CASE_NOT_FOUND: '未找到该客服工单。',
    CASE_CHANGED: '该工单刚被他人修改，请刷新后重试。',
    CASE_TRANSITION_INVALID: '工单不能从 {from} 变为 {to}。',
    NOTIFICATION_ESCALATION_EXPERTS: '“{title}”等待回答已久，你的专业知识或许能帮上忙。',
    NOTIFICATION_ESCALATION_STAFF: '“{title}”仍无人回答，已进入客服队列。',
    NOTIFICATION_ESCALATION_CASE: '客服正在以私密工单处理你的问题“{title}”。',
    NOTIFICATION_ESCALATION_CASE_OPEN: '你的客服工单“{title}”已重新打开。',
    NOTIFICATION_ESCALATION_CASE_WAITING_ON_CUSTOMER: '客服正在等待你对工单“{title}”的回复。',
    NOTIFICATION_ESCALATION_CASE_SOLVED: '你的客服工单“{title}”已解决。',
  },
});
