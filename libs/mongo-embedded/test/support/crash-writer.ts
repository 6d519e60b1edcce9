// Child process for the crash tests: opens the engine on a data directory and writes until
// killed, printing what the server acknowledged. `sequential`: one insert after another (every
// fifth also updated), "ACK i" each. `burst`: four clients insert batches of 250 documents at
// once into an indexed collection, "ACKS from to" per acknowledged batch.
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/index.js';

const [dataDir, firstArg, mode = 'sequential'] = process.argv.slice(2);
const engine = await startEmbeddedMongo({ dataDir });
const client = await new MongoClient(engine.uri, { maxPoolSize: 8 }).connect();
const payload = 'x'.repeat(2000); // big enough that a kill can land mid-write
process.stdout.write(`READY ${process.pid}\n`);

if (mode === 'burst') {
  const docs = client.db('crash').collection<{ _id: number }>('burst');
  await docs.createIndex({ board: 1, score: -1 });
  await docs.createIndex({ slug: 1 }, { unique: true });
  const BATCH = 250;
  let next = Number(firstArg);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (;;) {
        const from = next;
        next += BATCH;
        const batch = Array.from({ length: BATCH }, (_, k) => {
          const i = from + k;
          return { _id: i, slug: `s-${i}`, board: i % 7, score: i % 1000, checksum: i * 7, payload };
        });
        await docs.insertMany(batch);
        process.stdout.write(`ACKS ${from} ${from + BATCH - 1}\n`);
      }
    }),
  );
} else {
  const docs = client.db('crash').collection('writes');
  for (let i = Number(firstArg); ; i++) {
    await docs.insertOne({ i, payload, checksum: i * 7 });
    if (i % 5 === 0) await docs.updateOne({ i }, { $set: { updated: true } });
    process.stdout.write(`ACK ${i}\n`);
  }
}
