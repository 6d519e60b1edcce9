export * from './identity.module.js';
export * from './access/access.guard.js';
export * from './auth/auth.service.js';
export * from './user/users.service.js';
export * from './user/user.model.js';
export * from './user/user.mapper.js';
export type { UserRecord } from './user/user.schema.js';
export { handleKeyOf, normaliseEmail } from './user/account-names.js';
export * from './cli/create-admin.command.js';
