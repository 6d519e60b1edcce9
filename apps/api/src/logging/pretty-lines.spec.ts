import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { PinoNestLogger } from './http-logging.js';
import { logDestination, prettyLine } from './pretty-lines.js';

describe('log lines', () => {
  it('reads as time, level, context and message with the other fields after, at a terminal', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
      pid: 1,
      hostname: 'h',
      context: 'Outbox',
      msg: 'retrying',
      attempt: 2,
      requestId: 'r1',
    });
    expect(prettyLine(line)).toBe('03:04:05 WARN  [Outbox] retrying attempt=2 requestId=r1\n');
    expect(prettyLine('not json')).toBe('not json');
  });

  it('stays JSON when stdout is not a terminal', () => {
    expect(logDestination({ isTTY: false } as NodeJS.WriteStream)).toBeUndefined();
    expect(logDestination({ isTTY: true } as NodeJS.WriteStream)).toBeDefined();
  });

  it("keeps Nest's module and route listing out of info level", () => {
    const lines: string[] = [];
    const logger = new PinoNestLogger(pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }));
    logger.log('Mapped {/graphql, POST} route', 'GraphQLModule');
    logger.log('BoardsModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'Nest application successfully started',
    ]);
  });
});
