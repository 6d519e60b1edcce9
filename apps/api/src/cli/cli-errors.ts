// What a CLI command prints when it fails: one plain message a person can act on (the rule and
// the field it concerns, or why the data directory is unavailable), never a stack trace.
import type { LoggerService } from '@nestjs/common';
import { DomainError, translate } from '@helpboard/core';
import { DataDirectoryLockedError } from '@helpboard/mongo-embedded';

export function describeCliError(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.fields.map((f) => `\n  ${f.field}: ${translate(f.message, 'en', f.params)}`);
    return `${translate(error.messageKey, 'en', error.params)}${fields.join('')}`;
  }
  if (error instanceof DataDirectoryLockedError) {
    const holder = error.pid === null ? 'this process' : `a running Helpboard (process ${error.pid})`;
    return `The data directory ${error.dir} is in use by ${holder}: stop the server (npm start) and run this command again.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Nest's logger for CLI runs: warnings and errors as single lines. A failure that ends the
 * command is printed once, by describeCliError, so Nest's own report of it (with its stack) is
 * left out.
 */
export class CliLogger implements LoggerService {
  log(): void {}
  warn(message: unknown): void {
    process.stderr.write(`warning: ${text(message)}\n`);
  }
  error(message: unknown, ...params: unknown[]): void {
    if (params.at(-1) === 'ExceptionHandler') return;
    process.stderr.write(`error: ${text(message)}\n`);
  }
}

function text(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}
