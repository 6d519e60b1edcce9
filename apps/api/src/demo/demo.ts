// `npm run demo [-- --import <dump dir>]`: fills an empty data directory with a demo operator, an
// English and a Chinese board full of questions, answers, comments, votes, accepted and official
// answers, a staff rep, flags and a referral campaign; optionally imports a Stack Exchange dump
// into a third board. Then prints how to sign in and where to look.
import 'reflect-metadata';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig, PlatformRole } from '@helpboard/core';
import { AuthService } from '@helpboard/identity';
import { formatSummary, ImportModule, StackExchangeImporter } from '@helpboard/import';
import { withCliContext } from '../cli/cli-context.js';
import { createApp } from '../create-app.js';
import { DEMO_BOARDS, DEMO_PEOPLE, MODERATOR, NEWCOMER, STAFF_REP } from './demo-content.js';
import { DEMO_OPERATOR, DEMO_PASSWORD, DemoSeeder } from './demo-seeder.js';
import { graphqlClient } from './graphql-client.js';

const IMPORT_BOARD = 'demo-stackexchange';

const options = new Command('demo')
  .description('fill an empty data directory with a demo operator and boards')
  .option('--import <dir>', 'also import this Stack Exchange dump folder into a third board')
  .parse(process.argv)
  .opts<{ import?: string }>();

/** A dump folder's problem, or null: checked before anything is written, so a typo leaves no half demo. */
function dumpFolderProblem(dir: string): string | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `--import ${dir}: no such folder.`;
  if (!['Posts.xml', 'Posts.xml.gz'].some((name) => existsSync(join(dir, name)))) {
    return `--import ${dir}: not a Stack Exchange dump folder (no Posts.xml or Posts.xml.gz in it).`;
  }
  return null;
}

const importProblem = options.import ? dumpFolderProblem(options.import) : null;
if (importProblem) {
  process.stderr.write(`${importProblem}\nNothing was written.\n`);
  process.exit(1);
}

const config = { ...loadConfig(), runsBackgroundJobs: false };
const dbDir = join(config.dataDir, 'db');
if (!config.mongodbUri && existsSync(dbDir) && readdirSync(dbDir).length > 0) {
  process.stderr.write(
    `${config.dataDir} already holds data: the demo starts from an empty data directory.\n` +
      `Run it elsewhere, e.g. DATA_DIR=./demo-data npm run demo, or remove ${dbDir}.\n`,
  );
  process.exit(1);
}

const app = await createApp({ ...config, logLevel: 'warn', http: { port: 0, host: '127.0.0.1' } });
let notes: string[];
let counts: DemoSeeder['counts'];
try {
  await app.listen(0, '127.0.0.1');
  const gql = graphqlClient((await app.getUrl()).replace('[::1]', '127.0.0.1'));
  const auth = app.get(AuthService);
  await auth.createAccount({
    email: 'admin@demo.helpboard.test',
    handle: 'demo-admin',
    password: DEMO_PASSWORD,
    displayName: 'Demo Admin',
    platformRole: PlatformRole.Admin,
  });
  const { login } = await gql<{ login: { accessToken: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
    { input: { emailOrHandle: 'demo-admin', password: DEMO_PASSWORD } },
  );
  const seeder = new DemoSeeder(gql, login.accessToken, (account) => auth.createAccount(account));
  ({ notes } = await seeder.seed());
  counts = seeder.counts;
} finally {
  await app.close();
}

if (options.import) {
  const summary = await withCliContext([ImportModule], StackExchangeImporter, (importer) =>
    importer.import({ dir: options.import!, operatorSlug: DEMO_OPERATOR, boardSlug: IMPORT_BOARD }),
  );
  process.stdout.write(formatSummary(summary));
}

const boards = [...DEMO_BOARDS.map((b) => b.slug), ...(options.import ? [IMPORT_BOARD] : [])];
const site = `http://localhost:${loadConfig().http.port}`;
const customers = Object.keys(DEMO_PEOPLE).filter((handle) => handle !== STAFF_REP && handle !== MODERATOR);
process.stdout.write(`
Demo ready in ${config.mongodbUri ? 'the database at MONGODB_URI' : config.dataDir}: operator "${DEMO_OPERATOR}", boards ${boards.join(', ')}.
  ${counts.questions} questions, ${counts.answers} answers, ${counts.comments} comments, ${counts.votes} votes, ${counts.flags} flags; ${notes.join('; ')}.

Start the site and the API with the same DATA_DIR:   npm start
Open the site:                                       ${site}/
Log in at ${site}/login as (every password: ${DEMO_PASSWORD}):
  customer          maya   (also ${customers.filter((h) => h !== 'maya').join(', ')}; ${NEWCOMER.handle} is brand new)
  rep (staff)       ${STAFF_REP}   → ${site}/b/${DEMO_BOARDS[0].slug}/insights
  moderator         ${MODERATOR}   → ${site}/b/${DEMO_BOARDS[0].slug}/review (first posts) and /mod/flags
  operator admin    demo-admin   (platform admin, admin of operator "${DEMO_OPERATOR}")
The API and GraphiQL:                                ${site}/graphql
  mutation { login(input: { emailOrHandle: "demo-admin", password: "${DEMO_PASSWORD}" }) { accessToken } }
  then send the header  Authorization: Bearer <accessToken>
  { reviewQueue(boardSlug: "${DEMO_BOARDS[0].slug}") { totalWeight post { id } } }   (the flagged posts)
Mail (sign-up confirmations, resets, notifications) is written as .eml files to ${config.dataDir}/mail.
`);
