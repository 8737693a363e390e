// Test tiers, as in immich: unit (*.spec.ts, no services), integration (*.int-spec.ts, real
// Postgres/Redis), e2e (test/e2e/*.e2e-spec.ts, real API and worker processes), browser and faults.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@seqcast/(forecasting|fused-gru|core|contracts)$': '<rootDir>/libs/$1/src',
  '^@seqcast/(forecasting|fused-gru|core|contracts)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// Packages published as ES modules only (Parquet reading), compiled to CommonJS for jest's runtime.
const ESM_PACKAGES = ['hyparquet', 'hyparquet-compressors', 'hyparquet-writer', 'hysnappy', 'fzstd'];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

const services = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      ...services,
    },
    {
      ...base,
      displayName: 'e2e',
      // test/cli: the `seqcast` CLI against the same real API and worker processes.
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/cli/**/*.e2e-spec.ts'],
      ...services,
    },
    // Real Chromium against the real API and worker (test/browser); screenshots in test-artifacts/.
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], ...services },
    // Injected crashes, restarts and outages (test/faults): `npm run test:faults`, also run by CI.
    { ...base, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'], ...services },
    // The same faults across hosts: network namespaces built by the test, links cut and throttled
    // (test/hosts, needs root): `npm run test:hosts`, also run by CI.
    {
      ...base,
      displayName: 'hosts',
      testMatch: ['<rootDir>/test/hosts/**/*.host-spec.ts'],
      globalSetup: '<rootDir>/test/hosts/global-setup.ts',
      globalTeardown: '<rootDir>/test/hosts/global-teardown.ts',
    },
  ],
};
