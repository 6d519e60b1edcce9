// argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1).
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id; a const enum, so not importable under isolatedModules
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both paths take the same time. */
  private readonly decoy: Promise<string> = hash('decoy-password-never-matches', OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoy);
    try {
      const matches = await verify(target, password);
      return matches && passwordHash != null;
    } catch {
      return false;
    }
  }
}
