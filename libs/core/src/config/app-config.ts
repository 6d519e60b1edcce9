// The application's configuration: read once from the environment at boot, validated, then
// injected as a typed object. No other file reads process.env.
import { isIP } from 'node:net';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (protocols: string[]) =>
  optionalString.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** Names Express (proxy-addr) knows for address ranges, besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === version) return true; // a netmask
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** `false`, a number of hops, or a comma-separated list of addresses, ranges and range names. */
function parseTrustProxy(value: string): false | number | string[] {
  if (['false', 'off', 'none', '0'].includes(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  MONGODB_URI: url(['mongodb:', 'mongodb+srv:']),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MEILI_HOST: url(['http:', 'https:']),
  MEILI_API_KEY: optionalString,
  REDIS_URL: url(['redis:', 'rediss:']),
  JWT_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  REFERRALS_SECRET_KEY: optionalString.refine((value) => value === undefined || /^[0-9a-f]{64}$/i.test(value), {
    message: 'must be 64 hexadecimal characters (32 bytes)',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outgoing mail server, e.g. smtps://user:pass@smtp.example.com:465. Unset: mail is written to DATA_DIR/mail. */
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().trim().min(3).default('Helpboard <no-reply@helpboard.localhost>'),
  /** Where users reach this API from outside, for links in e-mails (unsubscribe). Default: http://localhost:PORT. */
  PUBLIC_URL: url(['http:', 'https:']),
  /** `off`: this API instance serves requests only and leaves background jobs to other processes (`npm run worker`). */
  BACKGROUND_JOBS: z.enum(['on', 'off']).default('on'),
  /** Token a scraper must send (X-Metrics-Token). Unset: /metrics is open outside production and off in production. */
  METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  /** Serve /metrics on this port only (an internal one), not on PORT. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, throttles,
   * referral clicks): `false`, the number of proxy hops in front of the app, or addresses and
   * ranges (10.0.0.0/8, loopback, uniquelocal), comma-separated. See docs/security.md.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .default('loopback')
    .transform(parseTrustProxy)
    .refine((trust) => !Array.isArray(trust) || trust.every(isProxyRange), {
      message:
        'must be false, a number of hops, or comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal',
    }),
  /**
   * Uploaded files (avatars, post images) go to this S3-compatible endpoint (AWS, MinIO, R2…)
   * when set, in S3_BUCKET, addressed path-style. Unset: on disk under DATA_DIR/files.
   */
  S3_ENDPOINT: url(['http:', 'https:']),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Query cost an anonymous client address may spend a minute, over HTTP and WebSocket together. */
  ANONYMOUS_QUERY_COST_PER_MINUTE: z.coerce.number().int().min(1).default(30_000),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  isProduction: boolean;
  http: { port: number; host: string };
  /** Absent: the embedded engine is started with its files in `dataDir`. */
  mongodbUri?: string;
  dataDir: string;
  meili?: { host: string; apiKey?: string };
  redisUrl?: string;
  jwtSecret: string;
  /**
   * 32 bytes that encrypt partners' webhook secrets at rest (AES-256-GCM) and key the hashes of
   * clickers' IP addresses and user agents.
   */
  referralsSecretKey: Buffer;
  logLevel: RawConfig['LOG_LEVEL'];
  mail: {
    /** Absent: messages are written as .eml files under `dataDir/mail`. */
    smtpUrl?: string;
    from: string;
  };
  /** Prometheus scraping: see METRICS_TOKEN. */
  metrics: { token?: string; port?: number };
  /** Proxies whose X-Forwarded-For is believed: Express's `trust proxy` setting. */
  trustProxy: false | number | string[];
  /** See ANONYMOUS_QUERY_COST_PER_MINUTE. */
  anonymousQueryCostPerMinute: number;
  /** Where uploaded files live: an S3-compatible bucket when configured, else `dataDir/files`. */
  files: { s3?: S3Config };
  /** Base URL of links in e-mails, without a trailing slash. */
  publicUrl: string;
  version: string;
  /**
   * Whether this process runs background work (outbox delivery, search index building). The API
   * does; one-shot CLI commands do not, so they never take work meant for a running server.
   */
  runsBackgroundJobs: boolean;
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment and names every bad variable at once. */
export function parseEnvironment(env: Record<string, string | undefined>): RawConfig {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const raw = result.data;
    const s3Names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    if (s3Names.some((name) => raw[name] !== undefined)) {
      const missing = s3Names.filter((name) => raw[name] === undefined);
      if (missing.length > 0)
        throw new ConfigError(missing.map((name) => `${name}: is required with the other S3_ variables`));
    }
    if (raw.NODE_ENV === 'production') {
      const missing = (['JWT_SECRET', 'REFERRALS_SECRET_KEY'] as const).filter((name) => raw[name] === undefined);
      if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: is required in production`));
    }
    return raw;
  }
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
  );
}
