// What an unsubscribe link does: e-mails of that kind (or the digest) stop; the notifications
// still show in the app, so nothing is lost by one click.
import { Injectable } from '@nestjs/common';
import { NotificationChannel } from '../notification/notification-kind.js';
import { PreferenceService } from '../preference/preference.service.js';
import { type UnsubscribeRequest, UnsubscribeTokens } from './unsubscribe-tokens.js';

@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly preferences: PreferenceService,
  ) {}

  /** The signed request a token carries, without applying it; null when forged, altered or malformed. */
  check(token: unknown): UnsubscribeRequest | null {
    return this.tokens.verify(token);
  }

  /** Applies a signed request; null when the token is forged, altered or malformed. */
  async apply(token: unknown): Promise<UnsubscribeRequest | null> {
    const request = this.tokens.verify(token);
    if (!request) return null;
    const current = await this.preferences.preferencesOf(request.userId);
    const stopped = current.filter((preference) =>
      request.scope === 'DIGEST'
        ? preference.channel === NotificationChannel.DIGEST
        : preference.kind === request.scope &&
          (preference.channel === NotificationChannel.EMAIL || preference.channel === NotificationChannel.DIGEST),
    );
    for (const preference of stopped) {
      await this.preferences.setPreference(request.userId, preference.kind, NotificationChannel.IN_APP);
    }
    return request;
  }
}
