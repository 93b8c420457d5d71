import type { ChatMessage, EscalationContext } from '@pillar/escalation-core';
import { seededRandom } from '../test-support/seeded-random';

const USER_LINES = [
  'I was charged twice for the Pro plan this month, can you check invoice INV-2291?',
  'The export to CSV fails with "Request failed with status 500" when I pick more than 90 days.',
  'How do I add a teammate as an admin? The invite button is greyed out.',
  'That did not work. I still see the old billing address on the receipt.',
  'Can I talk to a person please? This is urgent, our launch is tomorrow.',
  'Ça ne marche toujours pas après avoir vidé le cache 🙁',
];
const ASSISTANT_LINES = [
  'I can help with that. Go to **Settings → Billing** and open the invoice list; each charge shows its payment method and date. If you see two charges for the same period, one of them is usually a pending authorization that disappears within 3–5 business days.',
  'Thanks for the details. Exports over 90 days run as a background job: open **Reports → Exports**, pick the range, and you will receive an email with a download link when it is ready. If it still fails, please share the time of the attempt so support can find it in the logs.',
  "Only workspace owners can invite admins. Ask your owner to open **Members**, click `Invite`, and choose the *Admin* role. Here is the link: https://app.example.com/settings/members?tab=invites#admins",
  "I'm sorry, I can't change billing details myself. A member of the support team can do that for you.",
];

/** A conversation of `count` messages, alternating user and assistant, with a full user and page. */
export function makeContext(count: number, seed = 42): EscalationContext {
  const next = seededRandom(seed);
  const start = Date.UTC(2026, 2, 3, 14, 0, 0);
  const messages: ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    const lines = i % 2 === 0 ? USER_LINES : ASSISTANT_LINES;
    messages.push({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `${lines[Math.floor(next() * lines.length)]!} (${i + 1})`,
      createdAt: new Date(start + i * 45_000).toISOString(),
    });
  }
  return {
    conversationId: `conv_${seed}_${count}`,
    messages,
    user: {
      id: 'user_8812',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      plan: 'pro',
      role: 'admin',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      attributes: { seats: 25, trial: false, company: 'Analytical Engines Ltd' },
    },
    page: { url: 'https://app.example.com/settings/billing?tab=invoices#latest', title: 'Billing · Example' },
    reason: 'billing',
    metadata: { build: '2026.03.1', experiment: 'copilot-v2' },
  };
}
