// Reads one table of a Stack Exchange dump (`Posts.xml` or `Posts.xml.gz`) as a stream of rows,
// in constant memory. Dumps put one `<row … />` per line, so a malformed row is reported with
// its line and skipped, and the rest of the file still reads; each line is parsed by saxes.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';

export interface DumpRow {
  line: number;
  attributes: Record<string, string>;
}

export interface RowProblem {
  file: string;
  /** 0 when the problem is the file itself (missing). */
  line: number;
  message: string;
}

export interface DumpFile {
  table: string;
  path: string;
  /** On disk (compressed size for .gz): progress is measured in bytes read of it. */
  bytes: number;
}

export function locateTable(dir: string, table: string): DumpFile | null {
  for (const name of [`${table}.xml`, `${table}.xml.gz`]) {
    const path = join(dir, name);
    if (existsSync(path)) return { table, path, bytes: statSync(path).size };
  }
  return null;
}

/** Parses one line holding a single `<row …/>` element; throws with saxes' reason otherwise. */
export class RowParser {
  private parser = this.fresh();
  private attributes: Record<string, string> | null = null;
  private error: Error | null = null;

  parse(text: string): Record<string, string> {
    this.attributes = null;
    this.error = null;
    try {
      this.parser.write(text);
      this.parser.close();
    } catch (error) {
      this.error ??= error as Error;
    }
    if (this.error) {
      // After an error saxes' state is undefined: the next line gets a new parser.
      this.parser = this.fresh();
      throw new Error(this.error.message.replace(/^\d+:\d+: /, ''));
    }
    if (!this.attributes) throw new Error('not a row element');
    return this.attributes;
  }

  private fresh(): SaxesParser {
    const parser = new SaxesParser({ fragment: true });
    parser.on('opentag', (tag) => {
      if (tag.name !== 'row') this.error ??= new Error(`unexpected element <${tag.name}>`);
      else if (this.attributes) this.error ??= new Error('more than one row on the line');
      else this.attributes = tag.attributes as Record<string, string>;
    });
    parser.on('error', (error) => {
      this.error ??= error;
    });
    return parser;
  }
}

/**
 * Rows of a dump file after `fromLine` (lines up to it are counted, not parsed: that is how an
 * interrupted import skips what it already wrote). `onBytes` reports progress through the file.
 */
export async function* readRows(
  file: DumpFile,
  options: { fromLine?: number; onProblem: (problem: RowProblem) => void; onBytes?: (bytesRead: number) => void },
): AsyncGenerator<DumpRow> {
  const raw = createReadStream(file.path);
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onBytes?.(bytesRead);
  });
  const text = file.path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  const parser = new RowParser();
  const fromLine = options.fromLine ?? 0;
  let line = 0;
  try {
    for await (const content of lines) {
      line += 1;
      if (line <= fromLine) continue;
      const trimmed = (line === 1 ? content.replace(/^\uFEFF/, '') : content).trim();
      // The XML declaration and the root element's tags are on lines of their own.
      if (trimmed === '' || trimmed.startsWith('<?xml') || /^<\/?[a-z]+>$/i.test(trimmed)) continue;
      try {
        yield { line, attributes: parser.parse(trimmed) };
      } catch (error) {
        options.onProblem({ file: file.path, line, message: `malformed row: ${(error as Error).message}` });
      }
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}
