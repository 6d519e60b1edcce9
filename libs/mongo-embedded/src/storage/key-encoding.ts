// Index keys as bytes that sort in MongoDB's comparison order (see bson-order.ts), so an on-disk
// B+tree compares them with a plain memcmp. Each value starts with a tag for its type rank and
// is self-delimiting (no encoding is a prefix of another), so the fields of a compound key can
// be concatenated, and a descending field is its bytes complemented. The sentinels KEY_MIN and
// KEY_MAX and the type edges of BracketEdge get bytes below/above the values they bound.
//
// Numbers are exact (exact-numbers.ts): the floor double, then 00 when the number is that double,
// or 01 and its decimal digits (an int64 beyond 2^53, a Decimal128 between two doubles).
// Strings (and names inside objects) keep their first MAX_STRING_BYTES bytes in the key, so a
// key stays within LMDB's 1978 bytes; a longer string sorts just after the whole string of that
// prefix, and longer strings sharing a prefix tie in the bytes. Those ties are settled by the
// full values: the index orders each run of tied entries by the documents' keys
// (StoredIndex.scanRange), the engine re-tests every document against the filter, and unique
// checks compare the documents. Strings compare by UTF-8 bytes, as in MongoDB (JS code units
// differ only for characters beyond U+FFFF against U+E000–U+FFFF).
import { type Document } from 'bson';
import { EMPTY_ARRAY_KEY, KEY_MAX, KEY_MIN, Rank, rankOf } from './bson-order.js';
import { exactNumber } from './exact-numbers.js';
import { BracketEdge } from './sorted-keys.js';

/** Longest string kept whole in a key. */
export const MAX_STRING_BYTES = 400;
const MIN_BYTE = 0x08;
const MAX_BYTE = 0xf8;
const END = 0x00;

const tagOf = (rank: Rank): number => 0x10 + 4 * rank + 1;

/**
 * Collects bytes; `isLossy` tells that some string was cut (bounds must then be inclusive), and
 * `cutEnd` where the first cut string's bytes end (entries sharing the bytes before it may tie).
 */
export class KeyWriter {
  private buffer = Buffer.allocUnsafe(256);
  length = 0;
  isLossy = false;
  cutEnd = -1;

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  bytes(source: Uint8Array): void {
    this.ensure(source.length);
    this.buffer.set(source, this.length);
    this.length += source.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  /** Complements the bytes written since `from` (a descending field). */
  complementFrom(from: number): void {
    for (let i = from; i < this.length; i++) this.buffer[i] = 0xff - this.buffer[i];
  }

  result(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

const scratch = Buffer.alloc(8);

/** A double as 8 bytes in numeric order (NaN lowest, -0 as 0). */
function writeDouble(out: KeyWriter, value: number): void {
  if (Number.isNaN(value)) {
    for (let i = 0; i < 8; i++) out.byte(0);
    return;
  }
  scratch.writeDoubleBE(value === 0 ? 0 : value);
  if (scratch[0] & 0x80) for (let i = 0; i < 8; i++) scratch[i] = 0xff - scratch[i];
  else scratch[0] |= 0x80;
  out.bytes(scratch);
}

/** A number, exactly: its floor double, then 00, or 01 and its digits (see exact-numbers.ts). */
function writeNumber(out: KeyWriter, value: unknown): void {
  const { floor, rest } = typeof value === 'number' ? { floor: value, rest: undefined } : exactNumber(value);
  writeDouble(out, floor);
  if (!rest) return out.byte(0);
  out.byte(1);
  // Numbers sharing a floor share a sign: a larger magnitude is larger unless negative.
  const from = out.length;
  scratch.writeUInt16BE(rest.exponent + 0x8000);
  out.bytes(scratch.subarray(0, 2));
  out.bytes(Buffer.from(rest.digits, 'latin1'));
  out.byte(0);
  if (rest.isNegative) out.complementFrom(from);
}

/** A string: UTF-8 with 0x00 escaped as 00 FF, ended by 00 00 (whole) or 00 01 (cut short). */
function writeString(out: KeyWriter, value: string): void {
  let bytes = Buffer.from(value, 'utf8');
  const isCut = bytes.length > MAX_STRING_BYTES;
  if (isCut) {
    bytes = bytes.subarray(0, MAX_STRING_BYTES);
    out.isLossy = true;
  }
  let start = 0;
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) {
    out.bytes(bytes.subarray(start, i + 1));
    out.byte(0xff);
    start = i + 1;
  }
  out.bytes(bytes.subarray(start));
  out.byte(0);
  out.byte(isCut ? 1 : 0);
  if (isCut && out.cutEnd < 0) out.cutEnd = out.length;
}

function bytesOf(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : (value as { buffer: Uint8Array }).buffer;
}

/** One value, tag first. */
export function writeValue(out: KeyWriter, value: unknown): void {
  if (value === KEY_MIN) return out.byte(MIN_BYTE);
  if (value === KEY_MAX) return out.byte(MAX_BYTE);
  if (value instanceof BracketEdge) return out.byte(tagOf(value.rank) + (value.edge === 'start' ? -1 : 1));
  const rank = value === EMPTY_ARRAY_KEY ? Rank.EmptyArray : rankOf(value);
  out.byte(tagOf(rank));
  writeBody(out, rank, value);
}

function writeBody(out: KeyWriter, rank: Rank, value: unknown): void {
  switch (rank) {
    case Rank.Number:
      return writeNumber(out, value);
    case Rank.String:
      return writeString(out, String(value));
    case Rank.Object: {
      const doc = value as Document;
      for (const key of Object.keys(doc)) {
        const inner = doc[key];
        if (inner === undefined) continue;
        const innerRank = rankOf(inner);
        out.byte(tagOf(innerRank));
        writeString(out, key);
        writeBody(out, innerRank, inner);
      }
      return out.byte(END);
    }
    case Rank.Array:
      for (const item of value as unknown[]) writeValue(out, item);
      return out.byte(END);
    case Rank.Binary: {
      const bytes = bytesOf(value);
      scratch.writeUInt32BE(bytes.length);
      out.bytes(scratch.subarray(0, 4));
      out.byte((value as { sub_type?: number }).sub_type ?? 0);
      return out.bytes(bytes);
    }
    case Rank.ObjectId:
      return out.bytes((value as { id: Uint8Array }).id);
    case Rank.Boolean:
      return out.byte(value ? 1 : 0);
    case Rank.Date:
      return writeDouble(out, (value as Date).getTime());
    case Rank.Timestamp: {
      const timestamp = value as { t: number; i: number };
      scratch.writeUInt32BE(timestamp.t >>> 0);
      scratch.writeUInt32BE(timestamp.i >>> 0, 4);
      return out.bytes(scratch);
    }
    case Rank.RegExp: {
      const regex = value as { source?: string; flags?: string; pattern?: string; options?: string };
      writeString(out, regex.source ?? regex.pattern ?? '');
      return writeString(out, regex.flags ?? regex.options ?? '');
    }
    default:
      return; // null, MinKey, MaxKey and the empty array are their tag alone
  }
}

/**
 * A key tuple with each field's direction: sentinels keep their bytes whatever the direction
 * (they bound a scan from outside), other values are complemented when descending.
 */
export function writeTuple(out: KeyWriter, key: unknown[], directions: number[]): void {
  for (let i = 0; i < directions.length; i++) {
    const from = out.length;
    writeValue(out, key[i]);
    const isSentinel = key[i] === KEY_MIN || key[i] === KEY_MAX;
    if (directions[i] < 0 && !isSentinel) out.complementFrom(from);
  }
}

export function encodeTuple(key: unknown[], directions: number[]): { bytes: Buffer; isLossy: boolean; cutEnd: number } {
  const out = new KeyWriter();
  writeTuple(out, key, directions);
  return { bytes: out.result(), isLossy: out.isLossy, cutEnd: out.cutEnd };
}
