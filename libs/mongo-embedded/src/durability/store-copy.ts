// A hot, consistent copy of an engine's store for operators: opens the store file read-only
// beside the running engine (LMDB allows readers in other processes, on a snapshot that never
// blocks the writer) and copies the live pages of that snapshot (compacted) to a new data
// directory, which an engine can open as it is.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { STORE_FILE } from '../storage/disk-store.js';

export async function copyStore(dataDir: string, targetDir: string): Promise<{ path: string; bytes: number }> {
  const source = join(dataDir, STORE_FILE);
  if (!existsSync(source)) throw new Error(`${dataDir} holds no store (${STORE_FILE} is missing)`);
  const path = join(targetDir, STORE_FILE);
  if (existsSync(path)) throw new Error(`${path} exists already; copy into an empty directory`);
  mkdirSync(targetDir, { recursive: true });
  const root = open({ path: source, readOnly: true, maxDbs: 8 });
  try {
    await root.backup(path, true);
  } finally {
    await root.close();
  }
  return { path, bytes: statSync(path).size };
}
