import { join } from 'node:path';
import { bool, defineOptions, group, int, oneOf, type OptionFieldsFor } from '@pillar/escalation-core';
import { describeOptionChecks, documentedDefaults } from '../src';

interface DocumentedOptions {
  timeoutMs?: number;
  mode?: 'popup' | 'link';
  open?: boolean;
  find?: { waitMs?: number; intervalMs?: number };
  priority?: 'high';
  other?: string;
}

const fixture = join(__dirname, 'fixtures/documented-options.ts');

describe('documentedDefaults', () => {
  it('reads each literal @defaultValue, and nothing from prose', () => {
    const docs = documentedDefaults([{ file: fixture, interface: 'DocumentedOptions' }]);
    expect(docs).toMatchObject({ timeoutMs: 10_000, mode: 'popup', open: false, find: { waitMs: 2_000, intervalMs: 1_000 } });
    expect(typeof docs.priority).toBe('symbol');
    expect(docs).not.toHaveProperty('other');
  });
});

const DECLARED = defineOptions('documented', {
  timeoutMs: int({ max: 60_000, default: 10_000 }),
  mode: oneOf(['popup', 'link'] as const, { default: 'popup' }),
  open: bool({ default: false }),
  find: group({ waitMs: int({ min: 0, default: 2_000 }), intervalMs: int({ default: 1_000 }) }),
  priority: oneOf(['high'] as const),
  other: oneOf(['x']),
} satisfies OptionFieldsFor<DocumentedOptions>);

// The suite itself, on a factory that does nothing but check its options.
describeOptionChecks<DocumentedOptions>('a declared factory', {
  factory: (options) => DECLARED.check(options),
  declaration: DECLARED,
  valid: {},
  sources: [{ file: fixture, interface: 'DocumentedOptions' }],
});
