// `npm run mongo-embedded -- --data-dir ./data/db --port 27017`: the engine as a standalone
// server that any MongoDB client (mongosh, Compass, the drivers, several API processes) can use.
// It has no authentication: on TCP anyone who reaches the port reads and writes everything, so it
// listens on loopback by default, and `--socket` restricts it to the users who may enter the
// socket's directory.
import { Command, InvalidArgumentError } from 'commander';
import { startEmbeddedMongo } from './index.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('must be 0–65535');
  return parsed;
}

const program = new Command('mongo-embedded')
  .description('Run the embedded MongoDB-compatible engine as a server')
  .option('--data-dir <dir>', 'keep data durably in this directory (omit for in-memory)')
  .option('--port <port>', 'port to listen on (0 = any free port)', port, 27017)
  .option('--host <host>', 'interface to listen on (no authentication: keep it loopback)', '127.0.0.1')
  .option('--socket <path>', 'listen on this Unix domain socket (ending in .sock) instead of TCP')
  .option('--enable-test-commands', "accept mongod's test commands (configureFailPoint); never in production")
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

try {
  program.parse(process.argv);
} catch {
  process.exit(2);
}
const options = program.opts<{
  dataDir?: string;
  port: number;
  host: string;
  socket?: string;
  enableTestCommands?: boolean;
}>();
try {
  const engine = await startEmbeddedMongo({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    socketPath: options.socket,
    enableTestCommands: options.enableTestCommands === true,
  });
  process.stdout.write(
    `mongo-embedded listening: ${engine.uri}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}\n`,
  );
  if (!options.socket)
    process.stderr.write(
      'mongo-embedded: no authentication; every user and process that can reach this port can read and write all data. ' +
        'Use --socket <dir>/mongo.sock in a directory only you may enter (chmod 700) to restrict it.\n',
    );
  const stop = () => void engine.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`mongo-embedded: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
