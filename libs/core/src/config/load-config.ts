import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppConfig, parseEnvironment, type RawConfig } from './app-config.js';

/** The nearest package.json above this file: the repo root from sources and from dist/ alike. */
function readOwnPackageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

/**
 * Outside production a missing JWT_SECRET (or REFERRALS_SECRET_KEY) is generated once and kept in DATA_DIR, so sessions
 * survive restarts of `npm start` without any setup.
 */
function developmentSecret(dataDir: string, name: string, generate: () => string): string {
  const file = join(dataDir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = generate();
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

export function toAppConfig(raw: RawConfig): AppConfig {
  return {
    env: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === 'production',
    http: { port: raw.PORT, host: raw.HOST },
    mongodbUri: raw.MONGODB_URI,
    dataDir: raw.DATA_DIR,
    meili: raw.MEILI_HOST ? { host: raw.MEILI_HOST, apiKey: raw.MEILI_API_KEY } : undefined,
    redisUrl: raw.REDIS_URL,
    jwtSecret:
      raw.JWT_SECRET ?? developmentSecret(raw.DATA_DIR, 'jwt-secret', () => randomBytes(48).toString('base64url')),
    referralsSecretKey: Buffer.from(
      raw.REFERRALS_SECRET_KEY ??
        developmentSecret(raw.DATA_DIR, 'referrals-secret-key', () => randomBytes(32).toString('hex')),
      'hex',
    ),
    logLevel: raw.LOG_LEVEL,
    mail: { smtpUrl: raw.SMTP_URL, from: raw.MAIL_FROM },
    metrics: { token: raw.METRICS_TOKEN, port: raw.METRICS_PORT },
    trustProxy: raw.TRUST_PROXY,
    anonymousQueryCostPerMinute: raw.ANONYMOUS_QUERY_COST_PER_MINUTE,
    files: {
      s3:
        raw.S3_ENDPOINT && raw.S3_BUCKET && raw.S3_ACCESS_KEY_ID && raw.S3_SECRET_ACCESS_KEY
          ? {
              endpoint: raw.S3_ENDPOINT.replace(/\/+$/, ''),
              bucket: raw.S3_BUCKET,
              region: raw.S3_REGION,
              accessKeyId: raw.S3_ACCESS_KEY_ID,
              secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
            }
          : undefined,
    },
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    version: readOwnPackageVersion(),
    runsBackgroundJobs: raw.BACKGROUND_JOBS === 'on',
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  return toAppConfig(parseEnvironment(env));
}
