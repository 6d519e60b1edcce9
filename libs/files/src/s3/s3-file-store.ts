// FileStore in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2…), addressed path-style
// (<endpoint>/<bucket>/<key>), which every such service accepts. One PUT writes an object whole,
// so a failed upload leaves nothing behind under its key.
import type { S3Config } from '@helpboard/core';
import { assertFileKey, type FileStore, type StoredFile } from '../file-store.js';
import { sha256Hex, signRequest } from './sigv4.js';

/** A request the bucket refused (wrong keys, missing bucket…): the status and S3's error code. */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string,
  ) {
    super(`S3 answered ${status}${s3Code ? ` (${s3Code})` : ''}`);
    this.name = 'S3RequestError';
  }
}

const TIMEOUT_MS = 15_000;

export class S3FileStore implements FileStore {
  constructor(
    private readonly config: S3Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, bytes, { 'content-type': contentType });
    await this.expectOk(response);
  }

  async get(key: string): Promise<StoredFile | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    await this.expectOk(response, false);
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (response.status !== 404) await this.expectOk(response);
  }

  private async send(method: string, key: string, body?: Buffer, headers: Record<string, string> = {}) {
    assertFileKey(key);
    const url = new URL(`${this.config.endpoint}/${encodeURIComponent(this.config.bucket)}/${key}`);
    const signed = signRequest(
      { method, url, headers, payloadHash: sha256Hex(body ?? ''), at: this.now() },
      this.config,
    );
    return fetch(url, { method, headers: signed, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  }

  private async expectOk(response: Response, drain = true): Promise<void> {
    if (response.ok) {
      if (drain) await response.body?.cancel();
      return;
    }
    const text = await response.text();
    throw new S3RequestError(response.status, /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '');
  }
}
