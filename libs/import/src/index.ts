export * from './import.module.js';
export * from './stackexchange/stackexchange-importer.js';
export type { RowProblem } from './stackexchange/dump-file.js';
export * from './cli/import.command.js';
export * from './export/user-export.service.js';
export * from './export/export.command.js';
