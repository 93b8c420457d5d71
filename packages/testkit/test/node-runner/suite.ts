// The testkit's suites under node:test, a runner with no Jest globals: run by
// ../node-runner.test.ts as `node --import tsx --test suite.ts`. PILLAR_BROKEN=1: an adapter that
// fails conformance, so the run must fail; PILLAR_NO_RUNNER=1: useTestRunner is not called.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { defineOptions, int, oneOf } from '@pillar/escalation-core';
import { describeAdapterConformance, describeOptionChecks, useTestRunner } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { noteAdapter } from '../support/note-adapter';

if (process.env.PILLAR_NO_RUNNER !== '1') useTestRunner({ describe, it, beforeAll: before, afterAll: after, afterEach });

const broken = process.env.PILLAR_BROKEN === '1';
describeAdapterConformance(
  'note under node:test',
  // The broken one answers a different subject each call: `deterministic` must catch it.
  () => (broken ? noteAdapter({ toPayload: (context) => ({ ...noteAdapter().toPayload(context), subject: String(Math.random()) }) }) : noteAdapter()),
  { textFields: ['subject', 'text', 'meta.*'], htmlFields: ['html'], numRuns: 5 },
);

const OPTIONS = defineOptions('node-runner', { timeoutMs: int({ max: 60_000, default: 10_000 }), mode: oneOf(['popup', 'link'] as const, { default: 'popup' }) });
describeOptionChecks<{ timeoutMs?: number; mode?: 'popup' | 'link' }>('node-runner options', {
  factory: (options) => OPTIONS.check(options),
  declaration: OPTIONS,
  valid: {},
  documented: { timeoutMs: 10_000, mode: 'popup' },
});

setupProviderServer(http.get('https://desk.example.test/ping', () => HttpResponse.text('pong')));
describe('setupProviderServer under node:test', () => {
  it('answers with its handlers', async () => {
    assert.equal(await (await fetch('https://desk.example.test/ping')).text(), 'pong');
  });
});
