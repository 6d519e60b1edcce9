import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseEnvironment } from './app-config.js';
import { loadConfig, toAppConfig } from './load-config.js';

describe('configuration', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(parseEnvironment({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
    });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      parseEnvironment({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(names).toEqual(['LOG_LEVEL', 'MONGODB_URI', 'PORT', 'REDIS_URL']);
    }
  });

  it('accepts only SMTP URLs for SMTP_URL and defaults PUBLIC_URL to the local port', () => {
    expect(() => parseEnvironment({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    const config = toAppConfig(
      parseEnvironment({ SMTP_URL: 'smtps://u:p@mail.example.com:465', PORT: '8080', JWT_SECRET: 'x'.repeat(32) }),
    );
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      from: 'Helpboard <no-reply@helpboard.localhost>',
    });
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(
      toAppConfig(parseEnvironment({ PUBLIC_URL: 'https://help.example.com/', JWT_SECRET: 'x'.repeat(32) })).publicUrl,
    ).toBe('https://help.example.com');
  });

  it('reads TRUST_PROXY as off, a number of hops, or addresses and ranges, and refuses anything else', () => {
    expect(parseEnvironment({}).TRUST_PROXY).toEqual(['loopback']);
    expect(parseEnvironment({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnvironment({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.168.1.7' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
    for (const bad of ['everyone', '10.0.0.0/33', '10.0.0.300', 'true'])
      expect(() => parseEnvironment({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('keeps files on disk unless all S3 variables are set, and names the missing ones', () => {
    expect(toAppConfig(parseEnvironment({ JWT_SECRET: 'x'.repeat(32) })).files).toEqual({ s3: undefined });
    expect(() => parseEnvironment({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'files' })).toThrow(
      /S3_ACCESS_KEY_ID: is required[\s\S]*S3_SECRET_ACCESS_KEY: is required/,
    );
    const s3 = {
      S3_ENDPOINT: 'http://minio:9000/',
      S3_BUCKET: 'files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      JWT_SECRET: 'x'.repeat(32),
    };
    expect(toAppConfig(parseEnvironment(s3)).files.s3).toEqual({
      endpoint: 'http://minio:9000',
      bucket: 'files',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => parseEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('requires REFERRALS_SECRET_KEY in production and accepts only 32 bytes of hex', () => {
    expect(() => parseEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) })).toThrow(
      /REFERRALS_SECRET_KEY: is required/,
    );
    expect(() => parseEnvironment({ REFERRALS_SECRET_KEY: 'abc' })).toThrow(/REFERRALS_SECRET_KEY: must be 64/);
  });

  it('outside production generates the referrals key once into DATA_DIR', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpboard-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.referralsSecretKey).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: dataDir }).referralsSecretKey.equals(first.referralsSecretKey)).toBe(true);
  });

  it('rejects a short JWT_SECRET', () => {
    expect(() => parseEnvironment({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32/);
  });

  it('outside production generates a JWT secret once and keeps it in DATA_DIR', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpboard-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret).toHaveLength(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnvironment({ MONGODB_URI: '', MEILI_HOST: '' })).toMatchObject({
      MONGODB_URI: undefined,
      MEILI_HOST: undefined,
    });
  });
});
