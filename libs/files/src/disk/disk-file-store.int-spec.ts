import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFileStoreContract } from '../testing/file-store.contract.js';
import { DiskFileStore } from './disk-file-store.js';

runFileStoreContract('disk', async () => new DiskFileStore(mkdtempSync(join(tmpdir(), 'helpboard-files-'))));

describe('DiskFileStore', () => {
  it('leaves no temporary file behind when a write fails', async () => {
    const root = mkdtempSync(join(tmpdir(), 'helpboard-files-'));
    const store = new DiskFileStore(root);
    await store.put('a/b.png', Buffer.from('old'), 'image/png');
    // A folder where the file's type should go makes the write fail part-way.
    mkdirSync(join(root, 'a', 'c.png.type'));
    await expect(store.put('a/c.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
    expect(readdirSync(join(root, 'a')).sort()).toEqual(['b.png', 'b.png.type', 'c.png.type']);
    expect((await store.get('a/b.png'))?.bytes.toString()).toBe('old');
  });
});
