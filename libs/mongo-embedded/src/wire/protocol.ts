// MongoDB wire protocol framing: the legacy OP_QUERY the driver opens with, OP_MSG for
// everything after, and the replies to each. Spec: mongodb.com/docs/manual/reference/mongodb-wire-protocol
import { deserialize, type Document, serialize } from 'bson';
import { normalizeNumbers } from '../storage/numbers.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const OP_COMPRESSED = 2012;

const HEADER_LENGTH = 16;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
/** Same as MongoDB's default maxMessageSizeBytes. */
export const MAX_MESSAGE_BYTES = 48_000_000;

export interface Header {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface CommandRequest {
  header: Header;
  /** The command document, with kind-1 document sequences merged in as arrays. */
  command: Document;
  /** OP_QUERY replies use OP_REPLY; OP_MSG replies use OP_MSG. */
  isLegacy: boolean;
  /** The client does not want a reply (OP_MSG moreToCome, e.g. unacknowledged writes). */
  isFireAndForget: boolean;
}

export class ProtocolError extends Error {}

// Deserialize without promotion, so each number's BSON type is known; normalizeCommand then keeps
// the types in the documents being written and turns the rest (limits, flags…) into JS numbers.
const DESERIALIZE_OPTIONS = {
  promoteBuffers: false,
  promoteLongs: false,
  promoteValues: false,
  bsonRegExp: false,
} as const;

/** Which fields of a command are documents to store, whose number types must survive. */
export function normalizeCommand(command: Document): Document {
  const name = Object.keys(command)[0]?.toLowerCase();
  for (const key of Object.keys(command)) {
    const value = command[key];
    if (name === 'update' && key === 'updates' && Array.isArray(value)) {
      for (const statement of value as Document[])
        for (const field of Object.keys(statement))
          statement[field] = normalizeNumbers(statement[field], field === 'u');
    } else {
      const isPayload = (name === 'insert' && key === 'documents') || (name === 'findandmodify' && key === 'update');
      command[key] = normalizeNumbers(value, isPayload);
    }
  }
  return command;
}

export function readHeader(buffer: Buffer): Header {
  return {
    messageLength: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buffer.toString('utf8', offset, end), end + 1];
}

function readDocument(buffer: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 4 > limit) throw new ProtocolError('truncated document');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new ProtocolError('invalid document size');
  return [deserialize(buffer.subarray(offset, offset + size), DESERIALIZE_OPTIONS), offset + size];
}

/** Parses one complete message (header included). */
export function parseMessage(message: Buffer): CommandRequest {
  const header = readHeader(message);
  if (header.opCode === OP_MSG) return parseOpMsg(message, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(message, header);
  if (header.opCode === OP_COMPRESSED) throw new ProtocolError('compression is not supported');
  throw new ProtocolError(`unsupported opcode ${header.opCode}`);
}

function parseOpMsg(message: Buffer, header: Header): CommandRequest {
  const flags = message.readUInt32LE(HEADER_LENGTH);
  let limit = message.length;
  if (flags & CHECKSUM_PRESENT) limit -= 4; // CRC-32C trailer: TCP already guards loopback traffic
  let offset = HEADER_LENGTH + 4;
  let command: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < limit) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      [command, offset] = readDocument(message, offset, limit);
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const end = offset + size;
      if (size < 5 || end > limit) throw new ProtocolError('invalid document sequence');
      let identifier: string;
      [identifier, offset] = readCString(message, offset + 4);
      const documents: Document[] = [];
      while (offset < end) {
        let doc: Document;
        [doc, offset] = readDocument(message, offset, end);
        documents.push(doc);
      }
      sequences[identifier] = documents;
    } else {
      throw new ProtocolError(`unknown section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, documents] of Object.entries(sequences)) command[identifier] = documents;
  return { header, command: normalizeCommand(command), isLegacy: false, isFireAndForget: (flags & MORE_TO_COME) !== 0 };
}

function parseOpQuery(message: Buffer, header: Header): CommandRequest {
  const [collection, afterName] = readCString(message, HEADER_LENGTH + 4); // after flags
  const [query] = readDocument(message, afterName + 8, message.length); // skip numberToSkip/Return
  // Commands over OP_QUERY may wrap the command in { $query: … }.
  const command = (query.$query as Document | undefined) ?? query;
  if (!collection.endsWith('.$cmd')) throw new ProtocolError('legacy OP_QUERY is only supported for commands');
  command.$db ??= collection.slice(0, -'.$cmd'.length);
  return { header, command: normalizeCommand(command), isLegacy: true, isFireAndForget: false };
}

let nextRequestId = 1;

export function buildReply(request: CommandRequest, reply: Document): Buffer {
  const body = serialize(reply);
  const requestId = nextRequestId++ & 0x7fffffff;
  if (request.isLegacy) {
    const header = Buffer.alloc(HEADER_LENGTH + 20);
    header.writeInt32LE(header.length + body.length, 0);
    header.writeInt32LE(requestId, 4);
    header.writeInt32LE(request.header.requestId, 8);
    header.writeInt32LE(OP_REPLY, 12);
    header.writeInt32LE(0, 16); // responseFlags
    header.writeBigInt64LE(0n, 20); // cursorId
    header.writeInt32LE(0, 28); // startingFrom
    header.writeInt32LE(1, 32); // numberReturned
    return Buffer.concat([header, body]);
  }
  const header = Buffer.alloc(HEADER_LENGTH + 5);
  header.writeInt32LE(header.length + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(request.header.requestId, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16); // flags
  header.writeUInt8(0, 20); // section kind 0
  return Buffer.concat([header, body]);
}
