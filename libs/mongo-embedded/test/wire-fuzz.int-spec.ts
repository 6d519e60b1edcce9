// Random and truncated wire messages: the server answers with an error or closes that
// connection, and keeps serving everyone else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { connect } from 'node:net';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/index.js';

function opMsg(body: Buffer, requestId = 1): Buffer {
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(2013, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}

/** Sends bytes, then resolves with what came back before the server closed or 300 ms passed. */
function send(port: number, bytes: Buffer): Promise<{ reply: Buffer; isClosed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let isClosed = false;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => (isClosed = true));
    socket.write(bytes);
    setTimeout(() => {
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), isClosed });
    }, 300);
  });
}

describe('wire protocol robustness', () => {
  let engine: EmbeddedMongo;
  beforeAll(async () => {
    engine = await startEmbeddedMongo();
  });
  afterAll(async () => {
    await engine.stop();
  });

  it('answers a well-framed message with an unreadable body with an error reply', async () => {
    const { reply } = await send(engine.port, opMsg(Buffer.from([9, 0, 0, 0, 1, 2, 3, 4, 5])));
    expect(reply.length).toBeGreaterThan(16);
    expect(reply.readInt32LE(8)).toBe(1); // responseTo our request id
  });

  it('survives random, truncated and oversized messages, and keeps serving', async () => {
    const valid = opMsg(Buffer.from(serialize({ ping: 1, $db: 'admin' })));
    const cases: Buffer[] = [
      Buffer.from([1, 2, 3]),
      Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]), // claims 2 GiB
      valid.subarray(0, valid.length - 3),
      Buffer.concat([valid.subarray(0, 16), Buffer.alloc(40, 0xaa)]),
    ];
    for (let i = 0; i < 200; i++) {
      const random = Buffer.alloc(16 + Math.floor(Math.random() * 200));
      for (let j = 0; j < random.length; j++) random[j] = Math.floor(Math.random() * 256);
      if (i % 2 === 0) random.writeInt32LE(random.length, 0); // well framed, garbage inside
      if (i % 4 === 0) random.writeInt32LE(2013, 12);
      cases.push(random);
    }
    await Promise.all(cases.map((bytes) => send(engine.port, bytes)));
    const client = await new MongoClient(engine.uri, { serverSelectionTimeoutMS: 2000 }).connect();
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    await client.close();
  });
});
