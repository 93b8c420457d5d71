// Must FAIL: proves the packed suite catches a non-conformant adapter outside the monorepo.
const { describeAdapterConformance } = require('@pillar/escalation-testkit');
describeAdapterConformance('broken-note', () => ({
  kind: 'broken-note',
  runtime: 'universal',
  toPayload: (context) => ({ at: Math.random(), html: context.messages.map((m) => `<p>${m.content}</p>`).join('') }),
  deliver: async () => ({ status: 'created' }),
}), { numRuns: 5 });
