const { describeAdapterConformance } = require('@pillar/escalation-testkit');
const { installGlobal } = require('@pillar/escalation-testkit/fakes');
const { acmeNotes } = require('../src');
describeAdapterConformance('acme-note', () => acmeNotes({ board: 'support' }), {
  textFields: ['board', 'title', 'text'], numRuns: 25,
  deliver: { run: true, setup: () => installGlobal('AcmeNotes', {}), expect(delivery) { expect(delivery.reference.id).toBe('support-1'); } },
});
