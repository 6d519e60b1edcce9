// Words that make a post urgent for an operator, whatever its tone: lost service, money, legal
// threats, safety. Matched on lower-cased English words and on Chinese substrings.

export const ENGLISH_URGENT: ReadonlySet<string> = new Set(
  'outage down offline refund chargeback overcharged fraud scam stolen hacked emergency urgent asap lawyer lawsuit complaint regulator ombudsman cancel disconnected blackout breach leak'.split(
    ' ',
  ),
);

export const CHINESE_URGENT: readonly string[] =
  '断网 停机 掉线 无信号 没信号 瘫痪 退款 退费 乱扣费 乱收费 投诉 工信部 315 律师 起诉 报警 诈骗 被盗 盗刷 紧急 急 销户 泄露'.split(
    ' ',
  );
