// A platform admin for benchmarks that set data up through services (and its actor).
import type { INestApplication } from '@nestjs/common';
import { type Actor, PlatformRole } from '@helpboard/core';
import { AuthService } from '@helpboard/identity';

export async function createBenchAdmin(app: INestApplication) {
  const record = await app.get(AuthService).createAccount({
    email: 'admin@bench.test',
    handle: 'bench-admin',
    password: 'benchmark passphrase 2026',
    platformRole: PlatformRole.Admin,
  });
  const actor: Actor = {
    userId: record._id.toHexString(),
    handle: record.handle,
    platformRole: PlatformRole.Admin,
    isSuspended: false,
    sessionId: '000000000000000000000000',
  };
  return { record, actor };
}
