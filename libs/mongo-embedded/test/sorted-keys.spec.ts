// The ordered part of indexes keeps MongoDB's order whatever mix of single inserts, bulk inserts
// (merged on the next read), removals and reads it sees: checked against a plain sorted array.
import { describe, expect, it } from '@jest/globals';
import { type Entry, SortedKeys } from '../src/storage/sorted-keys.js';

function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

const order = (a: Entry, b: Entry) =>
  (a.key[0] as number) - (b.key[0] as number) ||
  ((b.key[1] as string) < (a.key[1] as string) ? -1 : (b.key[1] as string) > (a.key[1] as string) ? 1 : 0) ||
  (a.docKey < b.docKey ? -1 : a.docKey > b.docKey ? 1 : 0);

describe('SortedKeys', () => {
  it.each([1, 7, 40])('stays in index order through bursts of inserts, removals and reads (seed %i)', (seed) => {
    const random = sequence(seed);
    const keys = new SortedKeys([1, -1]);
    const model: Entry[] = [];
    let id = 0;
    for (let round = 0; round < 60; round++) {
      // Bursts from one insert (merged one by one) to thousands (merged in one pass).
      const burst = Math.floor(random() ** 3 * 3000) + 1;
      for (let i = 0; i < burst; i++) {
        const entry = {
          key: [Math.floor(random() * 500), String.fromCharCode(97 + Math.floor(random() * 26))],
          docKey: `d${id++}`,
        };
        keys.insert(entry);
        model.push(entry);
      }
      for (let i = 0; i < Math.floor(random() * 50) && model.length > 0; i++) {
        const [removed] = model.splice(Math.floor(random() * model.length), 1);
        keys.remove(removed);
      }
      model.sort(order);
      expect(keys.size).toBe(model.length);
      const probe = [Math.floor(random() * 500), 'm'];
      const first = model.findIndex((e) => order(e, { key: probe, docKey: '' }) >= 0);
      expect(keys.position(probe, false)).toBe(first === -1 ? model.length : first);
    }
    expect([...keys.range(0, keys.size, false)].map((e) => e.docKey)).toEqual(model.map((e) => e.docKey));
    expect([...keys.range(0, keys.size, true)].map((e) => e.docKey)).toEqual(model.map((e) => e.docKey).reverse());
  });
});
