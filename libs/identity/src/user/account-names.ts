// Rules for e-mail addresses and handles, shared by sign-up, login and the importer.

/** Handles are public URLs (/u/handle) and @mentions: a small, unambiguous alphabet. */
export const HANDLE_PATTERN = /^[A-Za-z0-9_-]{3,30}$/;

/** Handles that would impersonate the platform or its staff, or collide with routes. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'root',
  'system',
  'staff',
  'moderator',
  'mod',
  'mods',
  'support',
  'help',
  'helpboard',
  'official',
  'security',
  'operator',
  'owner',
  'anonymous',
  'null',
  'undefined',
  'me',
  'api',
  'www',
  'graphql',
  'login',
  'logout',
  'register',
  'settings',
  'webhooks',
  'team',
  'service',
]);

export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function handleKeyOf(handle: string): string {
  return handle.trim().toLowerCase();
}

export function isReservedHandle(handle: string): boolean {
  return RESERVED_HANDLES.has(handleKeyOf(handle));
}
