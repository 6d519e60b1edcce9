// Jest 30 in native ESM (NODE_OPTIONS=--experimental-vm-modules, set by `npm test`), compiling
// TypeScript with swc so decorator metadata is emitted as tsc would.
const swc = {
  swcrc: false,
  module: { type: 'es6' },
  sourceMaps: 'inline',
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/{apps,libs,tests,bench}/**/*.{spec,int-spec,e2e-spec}.ts'],
  moduleNameMapper: {
    '^@helpboard/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  reporters: ['default', '<rootDir>/tests/support/plain-summary-reporter.js'],
  testTimeout: 30000,
  // Jest's default on 2 cores is a single worker; our suites mostly wait on I/O, so use both.
  maxWorkers: 2,
};
