import { registerMessages } from '@helpboard/core';

registerMessages({
  en: {
    THREAD_NOT_FOUND: 'Thread not found.',
    POST_NOT_FOUND: 'Post not found.',
    THREAD_CLOSED: 'This question is closed.',
    THREAD_LOCKED: 'This thread is locked.',
    THREAD_PROTECTED: 'This question is protected: answering it needs more reputation on this board.',
    VOTE_OWN_POST: 'You cannot vote on your own post.',
    VOTE_LOCKED: 'Your vote is locked in unless the post is edited.',
    NOT_THE_ASKER: 'Only the person who asked can accept an answer.',
    NOT_AN_ANSWER: 'Only answers can be accepted or marked official.',
    NOT_YOUR_POST: 'You can only edit your own posts.',
    TITLE_ONLY_ON_QUESTIONS: 'Only questions have a title and tags.',
    TAG_INVALID: 'Tags use letters, digits, "+", "#", "." and "-" (up to 35 characters).',
    NOTHING_CHANGED: 'The edit changes nothing.',
  },
  'zh-CN': {
    THREAD_NOT_FOUND: '未找到该主题。',
    POST_NOT_FOUND: '未找到该帖子。',
    THREAD_CLOSED: '该问题已关闭。',
    THREAD_LOCKED: '该主题已锁定。',
    THREAD_PROTECTED: '该问题受保护：需要在本专版获得更多声望才能回答。',
    VOTE_OWN_POST: '不能给自己的帖子投票。',
    VOTE_LOCKED: '投票已锁定，除非帖子被编辑。',
    NOT_THE_ASKER: '只有提问者可以采纳答案。',
    NOT_AN_ANSWER: '只有回答可以被采纳或标为官方答案。',
    NOT_YOUR_POST: '你只能编辑自己的帖子。',
    TITLE_ONLY_ON_QUESTIONS: '只有问题才有标题和标签。',
    TAG_INVALID: '标签可使用文字、数字、“+”、“#”、“.”和“-”（最多 35 个字符）。',
    NOTHING_CHANGED: '本次编辑没有任何改动。',
  },
});
