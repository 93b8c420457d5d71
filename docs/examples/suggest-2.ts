// Run it: npx tsx docs/examples/suggest-2.ts
import { suggestEscalation } from '@pillar/escalation-core/suggest';

const conversations = {
  'asks for a person': [{ role: 'user', content: 'Can I just talk to a real person?' }],
  'a billing dispute': [
    { role: 'user', content: 'I was charged twice for May.' },
    { role: 'assistant', content: 'I see two charges on May 3. I cannot issue refunds.' },
  ],
  'a build agent': [{ role: 'user', content: 'My build agent is offline, how do I restart it?' }],
  'answered, thanks': [
    { role: 'user', content: 'Why was I charged $12 extra?' },
    { role: 'assistant', content: 'You added two seats on the 14th; that is the prorated amount.' },
    { role: 'user', content: 'Ah, that makes sense. Thanks!' },
  ],
  'declines a human': [{ role: 'user', content: 'No necesito hablar con una persona, solo dime cómo exportar.' }],
} as const;

for (const [name, messages] of Object.entries(conversations)) {
  const { suggest, reason, confidence, evidence } = suggestEscalation({ messages: [...messages] });
  console.log(`${name.padEnd(18)} suggest=${String(suggest).padEnd(5)} reason=${(reason ?? '-').padEnd(15)} confidence=${confidence.toFixed(2)} evidence=${JSON.stringify(evidence ?? null)}`);
}
