import { createRegistry, DEFAULT_RELAY_TIMEOUT_MS, RELAY_SERVER_BUDGET_MS, type EscalateOptions, type EscalationAdapter } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';

// Budgets nest: the relay gives each escalation RELAY_SERVER_BUDGET_MS (retries, fallbacks and
// lookups included), less than the browser relay adapter waits, so the page gets the answer.
it("gives every escalation the server's budget, inside the browser relay's timeout", async () => {
  const adapter: EscalationAdapter<string> = { kind: 'k', runtime: 'server', toPayload: () => 'p', deliver: async () => ({ status: 'created', reference: { id: '1' } }) };
  const registry = createRegistry([{ id: 'ticket', label: 'Ticket', adapter }]);
  const seen: EscalateOptions[] = [];
  const escalate = registry.escalate.bind(registry);
  registry.escalate = ((optionId: string, context: Parameters<typeof escalate>[1], options?: EscalateOptions) => {
    seen.push(options ?? {});
    return escalate(optionId, context, options);
  }) as typeof registry.escalate;
  const handle = createEscalationHandler({ registry, identify: () => ({ id: 'u1' }) });
  const response = await handle(
    new Request('http://localhost/api/escalation/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ optionId: 'ticket', context: { conversationId: 'c', messages: [{ role: 'user', content: 'help' }] } }),
    }),
  );
  expect(response.status).toBe(201);
  expect(seen).toHaveLength(1);
  expect(seen[0]!.budgetMs).toBe(RELAY_SERVER_BUDGET_MS);
  expect(RELAY_SERVER_BUDGET_MS).toBeLessThan(DEFAULT_RELAY_TIMEOUT_MS);
});
