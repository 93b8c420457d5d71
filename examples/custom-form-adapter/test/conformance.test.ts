/** @jest-environment jest-fixed-jsdom */
import { http, HttpResponse } from 'msw';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { customForm } from '../src';
import { autoSubmitForms } from './support';

const server = setupProviderServer();
const requests = recordRequests(server);

describeAdapterConformance('custom-form', () => customForm({ endpoint: '/api/support' }), {
  // Everything is plain text: the form puts it in input and textarea values.
  textFields: ['subject', 'transcript', 'fields[].*', 'conversationId'],
  timeoutMs: 30_000,
  numRuns: 50,
  deliver: {
    run: true,
    setup() {
      server.use(http.post('http://localhost/api/support', () => HttpResponse.json({ id: 'T-981' }, { status: 201 })));
      const stop = autoSubmitForms();
      return () => {
        stop();
        requests.clear();
      };
    },
    async expect(delivery, payload) {
      expect(delivery).toEqual({ status: 'created', reference: { id: 'T-981' } });
      const sent = await requests.last();
      expect(sent?.headers['idempotency-key']).toBe('conformance-custom-form-multi-turn');
      expect(sent?.body).toMatchObject({ subject: payload.subject, transcript: payload.transcript, conversationId: payload.conversationId });
      expect(document.querySelector('[role="dialog"]')).toBeNull();
    },
  },
});

describeAdapterConformance('custom-form (no user fields, short transcript)', () => customForm({ endpoint: 'https://support.example.com/form', fields: [], maxTranscriptLength: 1_000 }), {
  textFields: ['subject', 'transcript', 'conversationId'],
  timeoutMs: 30_000,
  numRuns: 50,
});
