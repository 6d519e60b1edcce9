// `npm run cli -- <command>`: admin and maintenance commands. Each lib that needs one adds a
// command factory here.
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { AuthService, createAdminCommand, IdentityModule } from '@helpboard/identity';
import { ReputationModule, ReputationVerifier, reputationCommand } from '@helpboard/reputation';
import { SearchIndexer, SearchModule, searchCommand } from '@helpboard/search';
import {
  exportCommand,
  ImportModule,
  importCommand,
  StackExchangeImporter,
  UserExportService,
} from '@helpboard/import';
import { BoardInsightsService, InsightsModule, insightsCommand } from '@helpboard/insights';
import { withCliContext } from './cli/cli-context.js';
import { describeCliError } from './cli/cli-errors.js';
import { printSchemaCommand } from './cli/print-schema.command.js';
import { backupCommand, restoreCommand } from './cli/backup/backup.command.js';
import { storeCopyCommand } from './cli/backup/store-copy.command.js';

const program = new Command('helpboard')
  .description('Helpboard administration')
  .exitOverride()
  .addCommand(createAdminCommand((use) => withCliContext([IdentityModule], AuthService, use)))
  .addCommand(reputationCommand((use) => withCliContext([ReputationModule], ReputationVerifier, use)))
  .addCommand(searchCommand((use) => withCliContext([SearchModule], SearchIndexer, use)))
  .addCommand(importCommand((use) => withCliContext([ImportModule], StackExchangeImporter, use)))
  .addCommand(exportCommand((use) => withCliContext([ImportModule], UserExportService, use)))
  .addCommand(insightsCommand((use) => withCliContext([InsightsModule], BoardInsightsService, use)))
  .addCommand(printSchemaCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand())
  .addCommand(storeCopyCommand());

// Usage errors exit with 2 (as shells expect), whichever command they come from.
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  process.stderr.write(`${describeCliError(error)}\n`);
  process.exit(1);
}
