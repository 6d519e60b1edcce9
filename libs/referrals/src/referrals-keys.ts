// The keys this lib derives from REFERRALS_SECRET_KEY, one per purpose.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { KeyedHash } from './crypto/keyed-hash.js';
import { deriveKey, SecretBox } from './crypto/secret-box.js';

@Injectable()
export class ReferralsKeys {
  readonly partnerSecrets: SecretBox;
  readonly clientHash: KeyedHash;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.partnerSecrets = new SecretBox(deriveKey(config.referralsSecretKey, 'partner-secrets'));
    this.clientHash = new KeyedHash(deriveKey(config.referralsSecretKey, 'client-hash'));
  }
}
