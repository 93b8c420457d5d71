/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const config: Config = {
  projects: ['<rootDir>/packages/*/jest.config.ts', '<rootDir>/examples/*/jest.config.ts', '<rootDir>/scripts/jest.config.ts', '<rootDir>/e2e/jest.config.ts', '<rootDir>/chaos/jest.config.ts'],
};
export default config;
