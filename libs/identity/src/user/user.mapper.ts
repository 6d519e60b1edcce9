import { PlatformRole } from '@helpboard/core';
import { User, UserLocaleValue } from './user.model.js';
import { UserRecord } from './user.schema.js';

export function toUser(record: UserRecord, now: Date): User {
  return {
    id: record._id.toHexString(),
    handle: record.handle,
    displayName: record.displayName,
    bio: record.bio,
    locale: record.locale === 'zh-CN' ? UserLocaleValue.ZH_CN : UserLocaleValue.EN,
    region: record.region,
    avatarUrl: record.avatarUrl,
    isPlatformAdmin: record.platformRole === PlatformRole.Admin,
    isSuspended: record.suspendedUntil !== null && record.suspendedUntil > now,
    createdAt: record.createdAt,
    email: record.email,
  };
}
