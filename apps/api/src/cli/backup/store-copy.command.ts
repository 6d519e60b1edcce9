import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { loadConfig } from '@helpboard/core';
import { copyStore } from '@helpboard/mongo-embedded';

/**
 * `store-copy <dir>`: a consistent copy of the embedded engine's store file, taken while the
 * server keeps running (docs/engine-storage.md). `<dir>` then works as a data directory.
 */
export function storeCopyCommand(): Command {
  return new Command('store-copy')
    .description("copy the embedded engine's store to <dir>, consistently, while the server keeps running")
    .argument('<dir>', 'an empty directory for the copy')
    .option('--data-dir <dir>', "the engine's data directory (default: $DATA_DIR/db)")
    .action(async (dir: string, options: { dataDir?: string }) => {
      const dataDir = options.dataDir ?? resolve(join(loadConfig().dataDir, 'db'));
      const { path, bytes } = await copyStore(dataDir, dir);
      process.stdout.write(`copied ${dataDir} to ${path} (${(bytes / 2 ** 20).toFixed(1)} MiB)\n`);
    });
}
