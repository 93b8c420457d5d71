/**
 * The conversation the demo starts with. Offline, the Pillar SDK has no backend and
 * `pillar.getChatContext()` returns null, so the page hands this one to the escalation in its
 * place (switch it off on the page to see an escalation without a conversation).
 *
 * It contains markup (`<b>`) and a test card number on purpose: the inbox shows the first
 * escaped and the second masked by the default redactor. The page gives it a new conversation id
 * at each load: the escalation key derives from it, so escalating twice from one page load is
 * recognised as the same escalation (no second ticket), and a reload starts afresh.
 */
export const SEEDED_MESSAGES = [
  { role: 'user', content: 'Our weekly CSV export fails with "Error 500" since Monday. I pressed <b>Retry</b> twice and it still fails.' },
  {
    role: 'assistant',
    content: 'Sorry about that. Exports over 100,000 rows are split into parts: could you try a shorter date range from Reports → Export?',
  },
  { role: 'user', content: 'A single week fails too, and I need the numbers for a board meeting tomorrow. We pay with card 4242 4242 4242 4242, so this should work.' },
  {
    role: 'assistant',
    content: 'I could not find the cause from here. Would you like me to connect you with the support team? They can look at the export logs.',
  },
  { role: 'user', content: 'Yes please, I need a human.' },
] as const satisfies ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>;
