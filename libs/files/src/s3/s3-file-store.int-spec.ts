// The shared FileStore contract against a real S3-compatible server, whenever one is configured:
// S3_TEST_URL=http://<access key>:<secret>@<host:port>/<bucket>[?region=…] (e.g. a MinIO; the
// bucket must exist). None runs on our build machines, so without it this is skipped and says so.
import { describe, expect, it } from '@jest/globals';
import { runFileStoreContract } from '../testing/file-store.contract.js';
import { S3FileStore, S3RequestError } from './s3-file-store.js';

const testUrl = process.env.S3_TEST_URL;

function configFrom(raw: string) {
  const url = new URL(raw);
  return {
    endpoint: url.origin,
    bucket: url.pathname.replace(/^\/+|\/+$/g, ''),
    region: url.searchParams.get('region') ?? 'us-east-1',
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
  };
}

if (testUrl) {
  const config = configFrom(testUrl);
  runFileStoreContract('s3', async () => new S3FileStore(config));

  describe('S3FileStore', () => {
    it('reports refused credentials as an S3 error, not as a missing file', async () => {
      const store = new S3FileStore({ ...config, secretAccessKey: `${config.secretAccessKey}-wrong` });
      await expect(store.get('contract/missing.png')).rejects.toBeInstanceOf(S3RequestError);
    });
  });
} else {
  describe('s3: FileStore contract', () => {
    it.skip('runs when S3_TEST_URL points at an S3-compatible server (e.g. MinIO); none is configured here', () =>
      undefined);
  });
}
