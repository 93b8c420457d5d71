// The sample in packages/testkit/README.md (compiled by the type check; check:docs keeps them equal).
// test/conformance.test.ts of an adapter package (here the worked example's form adapter).
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { customForm } from '@pillar/example-custom-form-adapter';

describeAdapterConformance('custom-form', () => customForm({ endpoint: '/api/support' }), {
  // Fields shown as plain text; HTML fields would be listed in `htmlFields`.
  textFields: ['subject', 'transcript', 'fields[].*', 'conversationId'],
});
