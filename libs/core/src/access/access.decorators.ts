// Every resolver and route declares who may call it; the global access guard (libs/identity)
// denies anything that declares nothing. Finer rules ("moderator of this board") are checked in
// services through the boards lib's permission helper, the only place those rules live.
import { SetMetadata } from '@nestjs/common';

export const ACCESS_LEVEL = 'helpboard:accessLevel';

export enum AccessLevel {
  /** Anyone, signed in or not. */
  Public = 'public',
  /** A signed-in user; a suspended one only for queries. */
  SignedIn = 'signedIn',
  /** A platform administrator. */
  PlatformAdmin = 'platformAdmin',
}

export const Public = () => SetMetadata(ACCESS_LEVEL, AccessLevel.Public);
export const SignedIn = () => SetMetadata(ACCESS_LEVEL, AccessLevel.SignedIn);
export const PlatformAdminOnly = () => SetMetadata(ACCESS_LEVEL, AccessLevel.PlatformAdmin);
