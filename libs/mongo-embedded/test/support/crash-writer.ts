// Child process for the crash test: opens the engine on a data directory and inserts documents
// one after another, printing the number of each one the server acknowledged, until killed.
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/index.js';

const [dataDir, firstArg, compactAfterBytes, compactEveryMs] = process.argv.slice(2);
const engine = await startEmbeddedMongo({
  dataDir,
  compactAfterBytes: compactAfterBytes ? Number(compactAfterBytes) : undefined,
  compactEveryMs: compactEveryMs ? Number(compactEveryMs) : undefined,
});
const client = await new MongoClient(engine.uri).connect();
const docs = client.db('crash').collection('writes');
const payload = 'x'.repeat(2000); // big enough that a kill can land mid-record
process.stdout.write('READY\n');
for (let i = Number(firstArg); ; i++) {
  await docs.insertOne({ i, payload, checksum: i * 7 });
  if (i % 5 === 0) await docs.updateOne({ i }, { $set: { updated: true } });
  process.stdout.write(`ACK ${i}\n`);
}
