// Avatars: an uploaded image checked and re-encoded (prepareImage), stored through the FileStore,
// then swapped into the user's record in one atomic step that also hands back the avatar it
// replaced, which alone is then deleted. A refused or failed upload leaves the old avatar as it was.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { type Actor, Clock, NotFoundError } from '@helpboard/core';
import {
  FILE_STORE,
  type FileStore,
  fileKeyOf,
  fileUrl,
  type ImageRules,
  isFileKey,
  prepareImage,
  type StoredFile,
  UploadLimit,
} from '@helpboard/files';
import { UserRepository } from './user.repository.js';
import type { UserRecord } from './user.schema.js';

export const AVATAR_RULES: ImageRules = {
  maxBytes: 2 * 1024 * 1024,
  resize: { mode: 'square', side: 256 },
  keepsAnimation: false,
  outputAs: 'webp',
};

@Injectable()
export class AvatarService {
  private readonly logger = new Logger(AvatarService.name);

  constructor(
    private readonly users: UserRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
    private readonly limit: UploadLimit,
    private readonly clock: Clock,
  ) {}

  /** Replaces the actor's avatar with this upload (refusals: InvalidInputError on `avatar`). */
  async setAvatar(actor: Actor, upload: Buffer | null): Promise<UserRecord> {
    await this.limit.consume(actor.userId, 'avatar');
    const image = await prepareImage(upload, 'avatar', AVATAR_RULES);
    const key = `avatars/${actor.userId}-${randomBytes(8).toString('hex')}.${image.extension}`;
    await this.files.put(key, image.bytes, image.contentType);
    let previous: UserRecord | null;
    try {
      previous = await this.users.swapAvatar(new Types.ObjectId(actor.userId), fileUrl(key), this.clock.now());
    } catch (error) {
      await this.forget(key);
      throw error;
    }
    if (!previous) {
      await this.forget(key);
      throw new NotFoundError('User', 'USER_NOT_FOUND');
    }
    await this.forgetOwn(actor, previous.avatarUrl);
    return { ...previous, avatarUrl: fileUrl(key) };
  }

  /** An avatar file by its name (`/files/avatars/<name>`): anyone may see avatars. */
  async open(name: string): Promise<StoredFile> {
    const key = `avatars/${name}`;
    const file = isFileKey(key) ? await this.files.get(key) : null;
    if (!file) throw new NotFoundError('File', 'FILE_NOT_FOUND');
    return file;
  }

  async removeAvatar(actor: Actor): Promise<void> {
    const previous = await this.users.swapAvatar(new Types.ObjectId(actor.userId), null, this.clock.now());
    await this.forgetOwn(actor, previous?.avatarUrl);
  }

  /** Deletes a replaced avatar only when it is one of this user's uploads (avatarUrl can be set to any URL). */
  private async forgetOwn(actor: Actor, url: string | null | undefined): Promise<void> {
    const key = fileKeyOf(url);
    if (key?.startsWith(`avatars/${actor.userId}-`)) await this.forget(key);
  }

  /** A file nobody points at is only wasted space: a failed delete is logged, not the user's problem. */
  private async forget(key: string): Promise<void> {
    await this.files
      .delete(key)
      .catch((error: unknown) => this.logger.warn(`Could not delete ${key}: ${String(error)}`));
  }
}
