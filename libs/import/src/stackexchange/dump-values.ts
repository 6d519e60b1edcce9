// Values of dump attributes: UTC dates without a zone, integers, and both tag formats.
import { importedId } from '@helpboard/core';
import type { Types } from 'mongoose';

/** A row's value that is missing or malformed: the row is reported and skipped. */
export class BadValue extends Error {}

/** `2011-08-17T20:18:56.507`, UTC; fractional seconds may be absent. */
export function dumpDate(attributes: Record<string, string>, name: string): Date {
  const value = attributes[name];
  if (value === undefined) throw new BadValue(`${name} is missing`);
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new BadValue(`${name} is not a date: ${value}`);
  return date;
}

export function optionalDate(attributes: Record<string, string>, name: string): Date | null {
  return attributes[name] === undefined ? null : dumpDate(attributes, name);
}

export function dumpInt(attributes: Record<string, string>, name: string): number {
  const value = attributes[name];
  if (value === undefined) throw new BadValue(`${name} is missing`);
  if (!/^-?\d+$/.test(value)) throw new BadValue(`${name} is not an integer: ${value}`);
  return Number(value);
}

export function optionalInt(attributes: Record<string, string>, name: string): number | null {
  return attributes[name] === undefined ? null : dumpInt(attributes, name);
}

/** `<a><b>` (dumps before 2024) or `|a|b|` (newer ones). */
export function dumpTags(value: string | undefined): string[] {
  if (!value) return [];
  const tags = value.startsWith('|') ? value.split('|') : [...value.matchAll(/<([^>]+)>/g)].map((m) => m[1]);
  return tags.filter(Boolean);
}

/** Helpboard ids of one site's rows: users are per site, content per site and board. */
export class SourceIds {
  constructor(
    readonly site: string,
    readonly boardId: Types.ObjectId,
  ) {}

  user(id: number | 'deleted'): Types.ObjectId {
    return importedId('se', this.site, 'user', id);
  }

  post(id: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'post', id);
  }

  comment(id: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'comment', id);
  }

  vote(id: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'vote', id);
  }

  postLink(id: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'post-link', id);
  }

  badge(id: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'badge', id);
  }

  bounty(voteId: number): Types.ObjectId {
    return importedId('se', this.site, this.boardId.toHexString(), 'bounty', voteId);
  }
}
