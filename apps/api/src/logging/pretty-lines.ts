// In a terminal, pino's JSON lines are hard to read: `npm start` at a TTY writes each line as
// `12:04:05 INFO  [Context] message key=value` instead. Anywhere else (pipes, files, log
// collectors) the JSON lines stay as they are.
import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Shown in the line itself; everything else follows as key=value. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context']);

export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
  const context = typeof entry.context === 'string' ? ` [${entry.context}]` : '';
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = entry.err as { stack?: string } | undefined;
  const stack = err?.stack ? `\n${err.stack}` : '';
  return `${time} ${level}${context} ${String(entry.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}${stack}\n`;
}

/** Where the logger writes: readable lines at a terminal, JSON lines otherwise. */
export function logDestination(stream: NodeJS.WriteStream = process.stdout): DestinationStream | undefined {
  if (!stream.isTTY) return undefined;
  return { write: (line: string) => void stream.write(prettyLine(line.trimEnd())) };
}
