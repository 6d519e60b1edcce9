// ICU plural selection (`{count, plural, =0 {none} one {# answer} other {# answers}}`) by the
// CLDR rules the runtime ships (Intl.PluralRules): English has one/other, Chinese only other.
// The rest of ICU MessageFormat (select, ordinal) is not needed by our catalogues.

const rulesByLocale = new Map<string, Intl.PluralRules>();
const rulesFor = (locale: string) => {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
};

const PLURAL_START = /\{(\w+),\s*plural,/g;

/** The options of one plural block from `from` (just past "plural,") and where the block ends. */
function parseOptions(template: string, from: number): { options: Map<string, string>; end: number } | null {
  const options = new Map<string, string>();
  let at = from;
  for (;;) {
    while (/\s/.test(template[at] ?? '')) at++;
    if (template[at] === '}') return { options, end: at + 1 };
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(template.slice(at));
    if (!selector) return null;
    at += selector[0].length;
    let depth = 1;
    const start = at;
    while (at < template.length && depth > 0) {
      if (template[at] === '{') depth++;
      else if (template[at] === '}') depth--;
      at++;
    }
    if (depth > 0) return null;
    options.set(selector[1], template.slice(start, at - 1));
  }
}

/** Replaces each plural block with the option its count selects, `#` with the count. */
export function selectPlurals(template: string, locale: string, params: Record<string, string | number>): string {
  if (!template.includes('plural,')) return template;
  let result = '';
  let copied = 0;
  PLURAL_START.lastIndex = 0;
  for (let match = PLURAL_START.exec(template); match; match = PLURAL_START.exec(template)) {
    const parsed = parseOptions(template, PLURAL_START.lastIndex);
    if (!parsed) break; // malformed: left as written, so the mistake shows
    const count = Number(params[match[1]]);
    const chosen =
      parsed.options.get(`=${count}`) ??
      parsed.options.get(Number.isFinite(count) ? rulesFor(locale).select(count) : 'other') ??
      parsed.options.get('other') ??
      '';
    result += template.slice(copied, match.index) + chosen.replace(/#/g, String(params[match[1]] ?? ''));
    copied = parsed.end;
    PLURAL_START.lastIndex = parsed.end;
  }
  return result + template.slice(copied);
}
