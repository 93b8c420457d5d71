import { join } from 'node:path';
import type { Config } from 'jest';

const packages = join(__dirname, 'packages');

/** ESM-only packages that msw 2.11+ require()s: Jest must transform them. */
const esmOnly = ['rettime', 'until-async', '@open-draft/deferred-promise', '@pillar-ai/sdk'];

/**
 * Shared Jest settings: swc transform, workspace packages resolved to their sources
 * (so tests never need a build first), and the ESM-only dependencies let through.
 */
export function preset(displayName: string, overrides: Config = {}): Config {
  // Under the root `projects` run Jest reads `testTimeout` only from the global config, so a
  // project's own is ignored: carry it into the project as a setup file that sets it per suite.
  const { testTimeout, setupFilesAfterEnv = [], globals, ...rest } = overrides;
  const timeout: Config =
    testTimeout === undefined
      ? {}
      : {
          globals: { ...globals, __PROJECT_TEST_TIMEOUT__: testTimeout },
          setupFilesAfterEnv: [join(__dirname, 'scripts/test-support/project-timeout.ts'), ...setupFilesAfterEnv],
        };
  return {
    displayName,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/{src,test}/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j|mj)s$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: false },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    // pnpm paths: node_modules/.pnpm/<name with + for />@<version>/node_modules/<name>/...
    transformIgnorePatterns: [
      `node_modules/(?!\\.pnpm/(${esmOnly.map((n) => n.replace('/', '\\+')).join('|')})@|(${esmOnly.join('|')})/)`,
    ],
    moduleNameMapper: {
      '^@pillar/escalation-(core|testkit)/(.*)$': `${packages}/$1/src/$2.ts`,
      '^@pillar/escalation-([a-z-]+)/server$': `${packages}/$1/src/server.ts`,
      '^@pillar/escalation-([a-z-]+)$': `${packages}/$1/src/index.ts`,
    },
    ...(globals ? { globals } : {}),
    ...(setupFilesAfterEnv.length ? { setupFilesAfterEnv } : {}),
    ...rest,
    ...timeout,
  };
}
