import { Command } from 'commander';
import { PlatformRole } from '@helpboard/core';
import { AuthService } from '../auth/auth.service.js';
import { readPassword } from './read-password.js';

/**
 * `create-admin --email --handle`: the first platform admin (and any later one). The password is
 * read from stdin or prompted for, never taken from the command line (it would land in history).
 */
export function createAdminCommand(withService: <T>(use: (auth: AuthService) => Promise<T>) => Promise<T>): Command {
  return new Command('create-admin')
    .description('create a platform administrator account')
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .requiredOption('--handle <handle>', 'public handle (3–30 of a-z, 0-9, _ and -)')
    .option('--display-name <name>', 'name shown on posts')
    .action(async (options: { email: string; handle: string; displayName?: string }) => {
      const password = await readPassword();
      const user = await withService((auth) =>
        auth.createAccount({
          email: options.email,
          handle: options.handle,
          password,
          displayName: options.displayName,
          platformRole: PlatformRole.Admin,
        }),
      );
      process.stdout.write(`created platform admin @${user.handle} (${user._id.toHexString()})\n`);
    });
}
