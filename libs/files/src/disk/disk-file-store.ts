// FileStore on the local disk, under one root folder (DATA_DIR/files). A file is written to a
// temporary name beside its target and renamed into place, so a crash or a failed write never
// leaves half a file under a key. The content type is kept in a small sidecar file.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assertFileKey, type FileStore, type StoredFile } from '../file-store.js';

const TYPE_SUFFIX = '.type';

export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // The type first: a reader that finds the file also finds its type.
    await this.writeAtomically(path + TYPE_SUFFIX, Buffer.from(contentType));
    await this.writeAtomically(path, bytes);
  }

  async get(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    try {
      const [bytes, contentType] = await Promise.all([readFile(path), readFile(path + TYPE_SUFFIX, 'utf8')]);
      return { bytes, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(path + TYPE_SUFFIX, { force: true });
  }

  private pathOf(key: string): string {
    assertFileKey(key);
    return join(this.root, key);
  }

  private async writeAtomically(path: string, bytes: Buffer): Promise<void> {
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
