import { acmeDesk } from './testing-adapters-1';
import { describeAdapterConformance } from '@pillar/escalation-testkit';

describeAdapterConformance('acme-ticket', () => acmeDesk({ subdomain: 'test', token: 'test-token' }), {
  htmlFields: ['html_body'],
  textFields: ['subject', 'requester.*', 'custom_fields.*', 'tags[]'],
  // Acme Desk needs a requester email: the fixtures without one get this one.
  completeFixture: (context) => ({ ...context, user: { ...context.user, email: context.user?.email ?? 'someone@example.com' } }),
  onCoverage(coverage) {
    // e.g. { suite: 'acme-ticket', pairs: 36, ran: 36, notRun: [] }
    expect(coverage.notRun).toEqual([]);
  },
});
