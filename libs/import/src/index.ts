export * from './import.module.js';
export * from './stackexchange/stackexchange-importer.js';
export type { RowProblem } from './stackexchange/dump-file.js';
export * from './cli/import.command.js';
