// A small Simplified Chinese sentiment lexicon of our own for customer-service talk (network,
// billing, service), weighted like AFINN (-3 … +3) so both languages land on one scale. Words are
// matched against jieba's segmentation, also joined pairwise (jieba splits 断网 into 断 + 网).

/** `word:weight` pairs, negative then positive. */
const ENTRIES = [
  '差:-2 太差:-3 很差:-3 垃圾:-3 糟糕:-3 失望:-2 生气:-2 愤怒:-3 气愤:-3 恶心:-3 投诉:-2 骗:-3 骗子:-3 坑:-2 坑人:-3 乱扣费:-3 扣费:-1 乱收费:-3 退款:-1 退钱:-2 断网:-2 掉线:-2 没信号:-2 卡顿:-2 很慢:-2 太慢:-2 慢:-1 故障:-2 瘫痪:-3 崩溃:-3 不理:-2 不理人:-3 敷衍:-2 推诿:-2 无语:-2 烦:-2 错误:-1 失败:-2 没用:-2 无法:-1 不能:-1 打不开:-2 用不了:-2 不行:-1 差劲:-3 离谱:-2 难用:-2 欺诈:-3',
  '好:2 很好:3 不错:2 满意:2 非常满意:3 谢谢:2 感谢:2 多谢:2 给力:3 棒:3 赞:2 快:1 很快:2 稳定:2 解决:2 已解决:2 顺利:2 方便:2 专业:2 耐心:2 热情:2 好用:2 喜欢:2 推荐:2 优惠:1 划算:2 完美:3 靠谱:2 清楚:1 有用:2 帮助:1',
].join(' ');

export const CHINESE_SENTIMENT: Readonly<Record<string, number>> = Object.fromEntries(
  ENTRIES.split(' ').map((entry) => {
    const [word, weight] = entry.split(':');
    return [word, Number(weight)];
  }),
);

/** Words that turn the sentiment of the next word or two around ("不满意", "没有解决"). */
export const CHINESE_NEGATORS: ReadonlySet<string> = new Set(['不', '没', '没有', '别', '未', '不是', '并不', '从不']);

/** Intensifiers before a word double it (太 差, 非常 失望). */
export const CHINESE_INTENSIFIERS: ReadonlySet<string> = new Set(['太', '非常', '特别', '极其', '超级', '真', '很']);
