// Collation: string comparison by a locale's rules (ICU, through Intl.Collator), as MongoDB
// applies it to query comparisons, sorts, distinct and unique indexes. `simple` (the default)
// is binary comparison and needs none of this. See docs/engine-fidelity.md for what is exact
// and what approximates ICU options Intl does not expose.
import { type Document } from 'bson';
import { MongoCommandError } from '../errors.js';
import { compareValues, rankOf } from '../storage/bson-order.js';
import { originalOf } from '../storage/numbers.js';
import { valuesAtPath } from '../storage/values.js';

/** A collation as MongoDB reports it, every option filled in. */
export interface CollationSpec {
  locale: string;
  caseLevel: boolean;
  caseFirst: 'upper' | 'lower' | 'off';
  strength: number;
  numericOrdering: boolean;
  alternate: 'non-ignorable' | 'shifted';
  maxVariable: 'punct' | 'space';
  normalization: boolean;
  backwards: boolean;
  version: string;
}

const OPTIONS = new Set([
  'locale',
  'caseLevel',
  'caseFirst',
  'strength',
  'numericOrdering',
  'alternate',
  'maxVariable',
  'normalization',
  'backwards',
  'version',
]);
/** The ICU version mongod 7.0 reports. */
const ICU_VERSION = '57.1';

export class Collation {
  private readonly collator: Intl.Collator;

  constructor(readonly spec: CollationSpec) {
    this.collator = new Intl.Collator(icuLocale(spec.locale), {
      usage: 'sort',
      sensitivity:
        spec.strength === 1
          ? spec.caseLevel
            ? 'case'
            : 'base'
          : spec.strength === 2 && !spec.caseLevel
            ? 'accent'
            : 'variant',
      numeric: spec.numericOrdering,
      caseFirst: spec.caseFirst === 'off' ? 'false' : spec.caseFirst,
      ignorePunctuation: spec.alternate === 'shifted',
    });
  }

  /** Two values in MongoDB's order, strings (also inside arrays and documents) by the locale. */
  compare = (a: unknown, b: unknown): number => {
    if (typeof a === 'string' && typeof b === 'string') return this.collator.compare(a, b);
    const rank = rankOf(a);
    if (rank !== rankOf(b)) return compareValues(a, b);
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const order = this.compare(a[i], b[i]);
        if (order) return order;
      }
      return a.length - b.length;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const [keysA, keysB] = [Object.keys(a), Object.keys(b)];
      for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
        const order =
          rankOf(a[keysA[i]]) - rankOf(b[keysB[i]]) ||
          compareValues(keysA[i], keysB[i]) ||
          this.compare(a[keysA[i]], b[keysB[i]]);
        if (order) return order;
      }
      return keysA.length - keysB.length;
    }
    return compareValues(a, b);
  };

  equals(a: unknown, b: unknown): boolean {
    return this.compare(a, b) === 0;
  }
}

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** ICU locale ids (`en_US`, `zh@collation=pinyin`) as BCP 47 tags for Intl. */
function icuLocale(locale: string): string {
  const [base, keyword] = locale.split('@');
  const tag = base.replace(/_/g, '-');
  const collation = keyword?.match(/^collation=(\w+)$/)?.[1];
  return collation ? `${tag}-u-co-${collation}` : tag;
}

function badCollation(message: string): MongoCommandError {
  return new MongoCommandError('BadValue', message);
}

/**
 * A collation option as sent (command, statement, index or collection default); undefined for
 * none or `simple`. Rejects what MongoDB rejects, and what Intl cannot honour.
 */
export function parseCollation(raw: unknown): Collation | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) throw new MongoCommandError('TypeMismatch', "BSON field 'collation' is the wrong type");
  for (const field of Object.keys(raw))
    if (!OPTIONS.has(field))
      throw new MongoCommandError('Location40415', `BSON field 'collation.${field}' is an unknown field.`);
  if (typeof raw.locale !== 'string')
    throw new MongoCommandError('Location40414', "BSON field 'collation.locale' is missing but a required field");
  if (raw.locale === 'simple') {
    if (Object.keys(raw).length > 1) throw badCollation("Collation 'simple' takes no other options");
    return undefined;
  }
  if (Intl.Collator.supportedLocalesOf(icuLocale(raw.locale)).length === 0)
    throw badCollation(`Field 'locale' is invalid in: ${JSON.stringify(raw)}`);
  const strength = raw.strength === undefined ? 3 : Number(raw.strength);
  if (!Number.isInteger(strength) || strength < 1 || strength > 5)
    throw badCollation(`Field 'strength' must be an integer 1 through 5. Got: ${String(raw.strength)}`);
  const caseFirst = raw.caseFirst ?? 'off';
  if (!['upper', 'lower', 'off'].includes(caseFirst as string))
    throw badCollation(`Field 'caseFirst' must be 'upper', 'lower', or 'off'. Got: ${String(caseFirst)}`);
  const alternate = raw.alternate ?? 'non-ignorable';
  if (!['non-ignorable', 'shifted'].includes(alternate as string))
    throw badCollation(`Field 'alternate' must be 'non-ignorable' or 'shifted'. Got: ${String(alternate)}`);
  const maxVariable = raw.maxVariable ?? 'punct';
  if (!['punct', 'space'].includes(maxVariable as string))
    throw badCollation(`Field 'maxVariable' must be 'punct' or 'space'. Got: ${String(maxVariable)}`);
  // French secondary ordering has no Intl.Collator option: refused rather than ignored.
  if (raw.backwards === true) throw badCollation("collation option 'backwards' is not supported by this server");
  return new Collation({
    locale: raw.locale,
    caseLevel: raw.caseLevel === true,
    caseFirst: caseFirst as CollationSpec['caseFirst'],
    strength,
    numericOrdering: raw.numericOrdering === true,
    alternate: alternate as CollationSpec['alternate'],
    maxVariable: maxVariable as CollationSpec['maxVariable'],
    normalization: raw.normalization === true,
    backwards: false,
    version: ICU_VERSION,
  });
}

/** Whether two collations (absent: simple) order and compare alike. */
export function isSameCollation(a: Collation | undefined, b: Collation | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(a.spec) === JSON.stringify(b.spec);
}

/** The operation's collation, else the collection's default (an explicit `simple` overrides it). */
export function effectiveCollation(requested: unknown, collectionDefault: unknown): Collation | undefined {
  return requested !== undefined ? parseCollation(requested) : parseCollation(collectionDefault);
}

const COLLATED_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$all']);

function hasString(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.some(hasString);
  return isPlainObject(value) && Object.values(value).some(hasString);
}

function isOperatorObject(value: unknown): value is Document {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.startsWith('$'));
}

/**
 * The filter with every comparison of strings done by the collation (as `$where` predicates on
 * the stored document); other conditions stay as they are. Regular expressions are not collated,
 * as in MongoDB.
 */
export function collateFilter(filter: Document, collation: Collation): Document {
  const kept: Document = {};
  const predicates: Document[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(condition)) {
      kept[key] = condition.map((part) => collateFilter(part as Document, collation));
    } else if (key.startsWith('$') || !hasString(condition)) {
      kept[key] = condition;
    } else if (!isOperatorObject(condition)) {
      predicates.push(fieldPredicate(key, '$eq', condition, collation));
    } else {
      const rest: Document = {};
      for (const [operator, operand] of Object.entries(condition)) {
        if (COLLATED_OPERATORS.has(operator) && hasString(operand))
          predicates.push(fieldPredicate(key, operator, operand, collation));
        else rest[operator] = operand;
      }
      if (Object.keys(rest).length > 0) kept[key] = rest;
    }
  }
  return predicates.length > 0 ? { $and: [kept, ...predicates] } : kept;
}

function fieldPredicate(path: string, operator: string, operand: unknown, collation: Collation): Document {
  const { compare } = collation;
  // As in MongoDB, an array field matches through the array itself or any of its elements.
  const candidates = (doc: Document) =>
    valuesAtPath(originalOf(doc), path).flatMap((value) => (Array.isArray(value) ? [value, ...value] : [value]));
  const equalsOne = (doc: Document, wanted: unknown) =>
    candidates(doc).some((value) =>
      wanted instanceof RegExp ? typeof value === 'string' && wanted.test(value) : compare(value, wanted) === 0,
    );
  const ordered = (doc: Document, test: (order: number) => boolean) =>
    candidates(doc).some((value) => rankOf(value) === rankOf(operand) && test(compare(value, operand)));
  const tests: Record<string, (doc: Document) => boolean> = {
    $eq: (doc) => equalsOne(doc, operand),
    $ne: (doc) => !equalsOne(doc, operand),
    $in: (doc) => (operand as unknown[]).some((wanted) => equalsOne(doc, wanted)),
    $nin: (doc) => !(operand as unknown[]).some((wanted) => equalsOne(doc, wanted)),
    $all: (doc) => (operand as unknown[]).every((wanted) => equalsOne(doc, wanted)),
    $gt: (doc) => ordered(doc, (order) => order > 0),
    $gte: (doc) => ordered(doc, (order) => order >= 0),
    $lt: (doc) => ordered(doc, (order) => order < 0),
    $lte: (doc) => ordered(doc, (order) => order <= 0),
  };
  const test = tests[operator];
  return {
    $where: function (this: Document) {
      return test(this);
    },
  };
}

/**
 * The part of a filter an index may bound when the query is collated: indexes keep strings in
 * binary order, so only conditions without strings narrow the scan (the collated filter then
 * tests every candidate).
 */
export function boundableFilter(filter: Document): Document {
  return Object.fromEntries(
    Object.entries(filter).filter(([key, condition]) => !key.startsWith('$') && !hasString(condition)),
  );
}
