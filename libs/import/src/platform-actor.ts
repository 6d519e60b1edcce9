import { type Actor, PlatformRole } from '@helpboard/core';

/** Import and export commands act as the platform: they create and read any operator's boards. */
export const PLATFORM_ACTOR: Actor = {
  userId: '000000000000000000000000',
  handle: 'importer',
  platformRole: PlatformRole.Admin,
  isSuspended: false,
  sessionId: 'cli',
};
