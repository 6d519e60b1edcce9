// The behaviour every FileStore adapter must show. Run for the disk always, and for an
// S3-compatible bucket whenever one is configured for tests (S3_TEST_URL).
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { FileStore } from '../file-store.js';

export function runFileStoreContract(name: string, makeStore: () => Promise<FileStore>): void {
  describe(`${name}: FileStore contract`, () => {
    const key = (ext = 'png') => `contract/${randomBytes(8).toString('hex')}.${ext}`;

    it('gives back the bytes and content type it was given', async () => {
      const store = await makeStore();
      const bytes = randomBytes(70_000);
      const k = key();
      await store.put(k, bytes, 'image/png');
      const found = await store.get(k);
      expect(found?.contentType).toBe('image/png');
      expect(found?.bytes.equals(bytes)).toBe(true);
    });

    it('answers null for a key never written, and again after a delete', async () => {
      const store = await makeStore();
      const k = key('webp');
      expect(await store.get(k)).toBeNull();
      await store.put(k, Buffer.from('x'), 'image/webp');
      await store.delete(k);
      expect(await store.get(k)).toBeNull();
      await expect(store.delete(k)).resolves.toBeUndefined();
    });

    it('replaces a file written twice under one key', async () => {
      const store = await makeStore();
      const k = key('gif');
      await store.put(k, Buffer.from('first'), 'image/gif');
      await store.put(k, Buffer.from('second'), 'image/jpeg');
      const found = await store.get(k);
      expect(found?.bytes.toString()).toBe('second');
      expect(found?.contentType).toBe('image/jpeg');
    });

    it('refuses keys that could leave its folder or bucket', async () => {
      const store = await makeStore();
      for (const bad of ['../secret.png', '/etc/passwd.png', 'a/../../b.png', 'a\\b.png', 'A.PNG', 'a//b.png', 'noext'])
        await expect(store.get(bad)).rejects.toThrow(/Not a file key/);
    });
  });
}
