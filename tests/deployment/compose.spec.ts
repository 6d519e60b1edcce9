// No Docker engine runs on our machines, so the production shape is checked statically: every
// variable the API needs in production is set, and compose can tell when each service is healthy.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseEnvironment } from '@helpboard/core';

interface ComposeService {
  image?: string;
  command?: string[];
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** Resolves `${VAR:-default}` the way compose does when VAR is unset. */
function withComposeDefaults(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, String(value).replace(/\$\{\w+:-([^}]*)\}/g, '$1')]),
  );
}

describe('docker-compose.yml', () => {
  it('runs MongoDB, Meilisearch, Redis, the API and a worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'meilisearch', 'mongo', 'redis', 'worker']);
  });

  it.each(['api', 'meilisearch', 'mongo', 'redis', 'worker'])('gives %s a healthcheck', (name) => {
    expect(compose.services[name].healthcheck?.test).toBeDefined();
  });

  it('starts the API only once its dependencies are healthy', () => {
    expect(compose.services.api.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      meilisearch: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('gives the API a production configuration that passes validation and uses every backend', () => {
    const environment = withComposeDefaults(compose.services.api.environment ?? {});
    const config = parseEnvironment(environment);
    expect(config.NODE_ENV).toBe('production');
    expect(config.JWT_SECRET).toBeDefined();
    expect(config.REFERRALS_SECRET_KEY).toBeDefined();
    expect(config.MONGODB_URI).toMatch(/replicaSet=/);
    expect(config.MEILI_HOST).toBeDefined();
    expect(config.MEILI_API_KEY).toBeDefined();
    expect(config.REDIS_URL).toBeDefined();
  });

  it('leaves background jobs to the worker, on the same backends and secrets as the API', () => {
    expect(compose.services.api.environment?.BACKGROUND_JOBS).toBe('off');
    expect(compose.services.worker.command?.join(' ')).toContain('dist/apps/api/src/worker.js');
    expect(compose.services.worker.depends_on).toEqual(compose.services.api.depends_on);
    const { BACKGROUND_JOBS: _off, ...apiEnvironment } = compose.services.api.environment ?? {};
    expect(compose.services.worker.environment).toEqual(apiEnvironment);
  });

  it('runs MongoDB as a replica set, so transactions work', () => {
    expect(compose.services.mongo.image).toMatch(/^mongo:7/);
    expect(JSON.stringify(compose.services.mongo)).toContain('--replSet');
    expect(JSON.stringify(compose.services.mongo.healthcheck)).toContain('rs.initiate');
  });
});
