import { type AppConfig, ConfigError, loadConfig } from '@helpboard/core';

/** The validated configuration, or (on a bad environment) every problem on stderr and exit 78 (EX_CONFIG). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
