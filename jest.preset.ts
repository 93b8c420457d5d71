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
    ...overrides,
  };
}
