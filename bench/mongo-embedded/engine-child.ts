// The engine in a process of its own for the scale bench: `node engine-child.ts <index.ts of an
// engine> <data dir>` starts that engine (this checkout's, or another's for a side-by-side run),
// prints "URI <uri> OPEN <ms startEmbeddedMongo took>", answers "memory" messages with process.memoryUsage(), and stops on SIGTERM.
const [modulePath, dataDir] = process.argv.slice(2);
const { startEmbeddedMongo } = (await import(modulePath)) as {
  startEmbeddedMongo(options: { dataDir: string }): Promise<{ uri: string; stop(): Promise<void> }>;
};
const opening = performance.now();
const engine = await startEmbeddedMongo({ dataDir });
const openMs = performance.now() - opening;
process.on('message', (message) => {
  if (message === 'memory') process.send!({ memory: process.memoryUsage() });
});
process.once('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
process.stdout.write(`URI ${engine.uri} OPEN ${openMs}\n`);
