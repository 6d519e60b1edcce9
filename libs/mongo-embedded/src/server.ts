// The TCP side: frames messages per connection, runs them in order, writes the replies. A
// malformed message gets an error reply when it can be framed, otherwise the connection closes;
// the server itself never goes down because of what a client sent.
import { type Document } from 'bson';
import { createServer, Server, Socket } from 'node:net';
import { CloseConnection, type ConnectionInfo, Engine } from './engine.js';
import { MongoCommandError } from './errors.js';
import {
  buildReply,
  type CommandRequest,
  MAX_MESSAGE_BYTES,
  parseMessage,
  ProtocolError,
  readHeader,
} from './wire/protocol.js';

export class WireServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly engine: Engine) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  listenOnSocket(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let queue = Promise.resolve();
    const connection: ConnectionInfo = {};
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4) {
        const length = buffered.readInt32LE(0);
        if (length < 16 || length > MAX_MESSAGE_BYTES) {
          socket.destroy();
          return;
        }
        if (buffered.length < length) break;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        // One at a time per connection, so replies leave in request order.
        queue = queue.then(() => this.handle(socket, message, connection));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(socket: Socket, message: Buffer, connection: ConnectionInfo): Promise<void> {
    if (socket.destroyed) return;
    let request: CommandRequest;
    try {
      request = parseMessage(message);
    } catch (error) {
      const reason = error instanceof ProtocolError ? error.message : 'malformed message';
      this.replyToUnparsable(socket, message, reason);
      return;
    }
    rememberHandshake(request.command, connection);
    let reply: Document;
    try {
      reply = await this.engine.run(request.command, connection);
    } catch (error) {
      if (!(error instanceof CloseConnection)) throw error;
      socket.destroy();
      return;
    }
    if (!request.isFireAndForget && !socket.destroyed) socket.write(buildReply(request, reply));
  }

  /** Answers with an error when the header is sound enough to address a reply; else hangs up. */
  private replyToUnparsable(socket: Socket, message: Buffer, reason: string): void {
    try {
      const header = readHeader(message);
      const request: CommandRequest = { header, command: {}, isLegacy: header.opCode === 2004, isFireAndForget: false };
      const reply: Document = new MongoCommandError('FailedToParse', reason).toReply();
      socket.write(buildReply(request, reply));
    } catch {
      socket.destroy();
    }
  }
}

/** The handshake (hello / isMaster with `client` metadata) names the application. */
function rememberHandshake(command: Document, connection: ConnectionInfo): void {
  const name = (command.client as Document | undefined)?.application?.name;
  if (typeof name === 'string') connection.appName = name;
}
