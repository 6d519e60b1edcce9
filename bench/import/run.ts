// Import speed: rows per second of `import stackexchange` on the sample beside the repository
// and on a generated dump (default 1,000,000 votes), each next to the speed of merely reading
// the same files (streaming parse, no writes) in the same run; prints import/parse ratios.
//   npm run bench -- import [--votes 1000000] [--batch-size N] [--durable] [--parse-only] [--gzip]
// Import rates are per wall-clock second and per CPU second of this process (which runs the
// engine too): on a shared machine the second says more. Peak RSS is sampled through the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { locateTable, readRows } from '../../libs/import/src/stackexchange/dump-file.js';
import { hasSample, SE_SAMPLE_DIR, startImportContext } from '../../libs/import/test/import-context.js';
import { generateDump } from './generate-dump.js';

const { values } = parseArgs({
  options: {
    votes: { type: 'string', default: '1000000' },
    /** Rows per transaction; by default each table's own (2000, votes 10000). */
    'batch-size': { type: 'string' },
    /** Write the generated dump as .xml.gz. */
    gzip: { type: 'boolean', default: false },
    durable: { type: 'boolean', default: false },
    /** Only the streaming read of the generated dump, with the process's peak memory. */
    'parse-only': { type: 'boolean', default: false },
  },
});
const TABLES = ['Users', 'Posts', 'Comments', 'PostLinks', 'Votes', 'Badges'];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
sampler.unref();

/** Rows/s of reading every table once (Posts counted twice, as the importer reads it twice). */
async function parseRate(dir: string): Promise<{ rows: number; rate: number }> {
  const started = performance.now();
  let rows = 0;
  for (const table of TABLES) {
    const file = locateTable(dir, table);
    if (!file) continue;
    for (let pass = 0; pass < (table === 'Posts' ? 2 : 1); pass++)
      for await (const row of readRows(file, { onProblem: () => undefined })) rows += row.line > 0 ? 1 : 0;
  }
  return { rows, rate: rows / ((performance.now() - started) / 1000) };
}

async function importRate(dir: string, label: string): Promise<void> {
  const parse = await parseRate(dir);
  const dataDir = values.durable ? mkdtempSync(join(tmpdir(), 'bench-import-')) : undefined;
  const t = await startImportContext(dataDir);
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    peakRss = 0;
    const summary = await t.importer.import({
      dir,
      operatorSlug: 'bench-op',
      boardSlug: 'bench-board',
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const rows = summary.phases.reduce((sum, p) => sum + p.rows, 0);
    process.stdout.write(
      `${label} (${values.durable ? 'durable' : 'in-memory'} engine, batches of ${values['batch-size'] ?? 'each table’s default'})\n`,
    );
    for (const phase of summary.phases) {
      const rate = phase.seconds > 0 ? phase.rows / phase.seconds : 0;
      process.stdout.write(
        `  ${phase.phase.padEnd(10)} ${String(phase.rows).padStart(9)} rows  ${rate.toFixed(0).padStart(7)} rows/s\n`,
      );
    }
    const rate = rows / seconds;
    process.stdout.write(
      `  all        ${String(rows).padStart(9)} rows  ${rate.toFixed(0).padStart(7)} rows/s in ${seconds.toFixed(1)} s` +
        ` (${(rows / cpuSeconds).toFixed(0)} rows per CPU second), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB\n`,
    );
    process.stdout.write(
      `  parse only ${String(parse.rows).padStart(9)} rows  ${parse.rate.toFixed(0).padStart(7)} rows/s\n`,
    );
    process.stdout.write(`  ratio import/parse: ${(rate / parse.rate).toFixed(4)}\n`);
    const { drifts } = await t.verifier.verify();
    process.stdout.write(`  reputation verify: ${drifts.length} drifted\n`);
  } finally {
    await t.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values['parse-only']) process.stdout.write('parse only: sample skipped\n');
else if (hasSample) await importRate(SE_SAMPLE_DIR, 'Stack Exchange sample');
else process.stdout.write(`Stack Exchange sample not found at ${SE_SAMPLE_DIR}: skipped\n`);

const votes = Number(values.votes);
const dir = mkdtempSync(join(tmpdir(), 'bench-dump-'));
try {
  const counts = await generateDump(dir, {
    users: 2_000,
    questions: 2_000,
    answersPerQuestion: 2,
    votes,
    commentsPerPost: 1,
    gzip: values.gzip,
  });
  if (values['parse-only']) {
    const parse = await parseRate(dir);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `Generated dump ${JSON.stringify(counts)}: parse only ${parse.rows} rows, ${parse.rate.toFixed(0)} rows/s, peak RSS ${peakMb.toFixed(0)} MB\n`,
    );
  } else await importRate(dir, `Generated dump ${JSON.stringify(counts)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
