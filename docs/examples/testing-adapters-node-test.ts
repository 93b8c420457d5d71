// test/conformance.test.ts run with `node --test`: node:test defines no globals, so the testkit
// is given its functions once per file (two of them have other names there).
import { after, afterEach, before, describe, it } from 'node:test';
import { acmeDesk } from './testing-adapters-1'; // in your package: from '../src'
import { describeAdapterConformance, useTestRunner } from '@pillar/escalation-testkit';

useTestRunner({ describe, it, beforeAll: before, afterAll: after, afterEach });

describeAdapterConformance('acme-ticket', () => acmeDesk({ subdomain: 'test', token: 'test-token' }), {
  htmlFields: ['html_body'],
  textFields: ['subject', 'requester.*', 'custom_fields.*', 'tags[]'],
});
