import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { customForm } from '@pillar/example-custom-form-adapter';

const registry = createRegistry([{ id: 'write-to-us', label: 'Write to us', adapter: customForm({ endpoint: '/api/support' }) }]);
const context: EscalationContext = { conversationId: 'conv_1', messages: [{ role: 'user', content: 'Where is my invoice?' }] };

const { payload } = registry.preview('write-to-us', context, 'custom-form');
console.log(payload.subject, payload.fields.map((field) => `${field.label}: ${field.value}`));
// @ts-expect-error -- the form model has `transcript`, not `body`.
console.log(payload.body);
