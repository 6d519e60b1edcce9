// Framed records on disk: [u32 payload length][u32 CRC-32 of payload][BSON payload]. Reading stops
// at the first record that is truncated or fails its checksum: that is a torn write from a crash
// and everything from there on was never acknowledged.
import { deserialize, type Document, serialize } from 'bson';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { normalizeNumbers } from '../storage/numbers.js';

const FRAME_HEADER = 8;
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function frame(payload: Document): Buffer {
  const body = serialize(payload, { checkKeys: false, ignoreUndefined: true });
  const header = Buffer.alloc(FRAME_HEADER);
  header.writeUInt32LE(body.length, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}

export interface ReadResult {
  records: Document[];
  /** Bytes of valid records; anything after is torn or corrupt. */
  validLength: number;
  isTornTail: boolean;
}

export function readRecords(data: Buffer): ReadResult {
  const records: Document[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER <= data.length) {
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const end = offset + FRAME_HEADER + length;
    if (length < 5 || length > MAX_RECORD_BYTES || end > data.length) break;
    const body = data.subarray(offset + FRAME_HEADER, end);
    if (crc32(body) !== checksum) break;
    try {
      // Stored documents keep their number types (int64, integral doubles) across a restart.
      const record = deserialize(body, { promoteBuffers: false, promoteValues: false, promoteLongs: false });
      records.push(normalizeNumbers(record, true) as Document);
    } catch {
      break;
    }
    offset = end;
  }
  return { records, validLength: offset, isTornTail: offset !== data.length };
}

/**
 * The records of a file, read frame by frame (a file may exceed what one Buffer holds); `torn`
 * tells how many bytes after the last good record were left out.
 */
export function* readRecordsFromFile(path: string): Generator<Document, { tornBytes: number }> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(FRAME_HEADER);
    let offset = 0;
    while (offset + FRAME_HEADER <= size) {
      readSync(fd, header, 0, FRAME_HEADER, offset);
      const length = header.readUInt32LE(0);
      if (length < 5 || length > MAX_RECORD_BYTES || offset + FRAME_HEADER + length > size) break;
      const framed = Buffer.alloc(FRAME_HEADER + length);
      readSync(fd, framed, 0, framed.length, offset);
      const { records } = readRecords(framed);
      if (records.length !== 1) break;
      yield records[0];
      offset += framed.length;
    }
    return { tornBytes: size - offset };
  } finally {
    closeSync(fd);
  }
}
