import { Module } from '@nestjs/common';
import { Command } from 'commander';
import { withCliContext } from '../cli-context.js';
import { BackupService } from './backup.service.js';

@Module({ providers: [BackupService], exports: [BackupService] })
class BackupModule {}

function summary(verb: string, file: string, counts: Record<string, number>): string {
  const documents = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return `${verb} ${file}: ${Object.keys(counts).length} collections, ${documents} documents\n`;
}

/** `backup <file>`: a consistent snapshot of every collection (see backup.service.ts). */
export function backupCommand(): Command {
  return new Command('backup')
    .description('write a consistent snapshot of every collection to <file> (gzip, Extended JSON lines)')
    .argument('<file>', 'where to write the backup')
    .action(async (file: string) => {
      const counts = await withCliContext([BackupModule], BackupService, (service) => service.backup(file));
      process.stdout.write(summary('wrote', file, counts));
    });
}

/** `restore <file> [--replace]`: validates the file, then makes the database equal to it. */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('replace the database with a backup made by `backup` (stop the API first)')
    .argument('<file>', 'a backup file')
    .option('--replace', 'overwrite a database that already holds documents', false)
    .action(async (file: string, options: { replace: boolean }) => {
      const counts = await withCliContext([BackupModule], BackupService, (service) => service.restore(file, options));
      process.stdout.write(summary('restored', file, counts));
    });
}
