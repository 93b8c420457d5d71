import { createRegistry } from '@pillar/escalation-core';
import { customForm } from '@pillar/example-custom-form-adapter';

export const registry = createRegistry([
  {
    id: 'write-to-us',
    label: 'Write to us',
    icon: 'mail',
    adapter: customForm({
      endpoint: '/api/support',
      headers: { 'x-csrf-token': 'token-from-your-page' },
      fields: [
        { name: 'name', label: 'Your name', prefill: 'name' },
        { name: 'email', label: 'Email', type: 'email', required: true, prefill: 'email' },
        { name: 'phone', label: 'Phone (optional)', type: 'tel' },
      ],
    }),
  },
]);
