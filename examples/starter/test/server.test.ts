import { startStarter, type RunningStarter } from './support';

// The starter's server as `pnpm start` runs it: real HTTP on loopback, the relay, the real
// zendeskTicket adapter pointed by baseUrl at the local fake Zendesk.

let starter: RunningStarter;

beforeAll(async () => {
  starter = await startStarter();
});

afterAll(async () => {
  await starter?.close();
});

const context = {
  conversationId: 'conv_1',
  messages: [
    { role: 'user', content: 'I was charged twice this month.' },
    { role: 'assistant', content: 'Refunds need a human.' },
  ],
  // What the browser claims: the server takes plan and id from the session instead.
  user: { id: 'u_free', plan: 'enterprise', email: 'ada@example.com' },
};

function escalate(optionId: string, session: string | null, body: object = { optionId, context }) {
  return fetch(`${starter.app.url}/api/escalation/escalations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { cookie: `starter_session=${session}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('the starter server', () => {
  test('a POST through the relay makes a Zendesk ticket at the fake API, with the adapter’s auth, key and transcript', async () => {
    const before = starter.zendesk.tickets.length;
    const response = await escalate('ticket', 'u_free');
    expect(response.status).toBe(201);
    const result = (await response.json()) as { optionId: string; kind: string; status: string; reference: { id: string; url: string } };
    expect(result).toMatchObject({ optionId: 'ticket', kind: 'zendesk-ticket', status: 'created' });
    expect(starter.zendesk.tickets).toHaveLength(before + 1);
    const made = starter.zendesk.tickets.at(-1)!;
    expect(result.reference).toEqual({ id: String(made.id), url: `https://acme.zendesk.com/agent/tickets/${made.id}` });
    expect(made.authorization).toBe(`Basic ${Buffer.from('agent@example.com/token:test-token').toString('base64')}`);
    expect(made.idempotencyKey).toMatch(/^pe-/);
    // The requester is the signed-in user as the server knows them.
    expect(made.ticket.requester).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(made.ticket.priority).toBe('normal');
    expect(made.ticket.subject).toBe('I was charged twice this month.');
    expect(made.ticket.comment?.html_body).toContain('Refunds need a human.');
  });

  test('the same gates as the browser: a free user is refused "priority" (403) whatever plan the browser claims, a pro user gets a high-priority ticket', async () => {
    const before = starter.zendesk.tickets.length;
    const refused = await escalate('priority', 'u_free');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NOT_ALLOWED');
    expect(starter.zendesk.tickets).toHaveLength(before);

    const accepted = await escalate('priority', 'u_pro', { optionId: 'priority', context: { ...context, conversationId: 'conv_2', user: {} } });
    expect(accepted.status).toBe(201);
    expect(starter.zendesk.tickets.at(-1)!.ticket).toMatchObject({ priority: 'high', requester: { email: 'grace@example.com' } });
  });

  test('the page, its bundle and the session routes', async () => {
    const page = await fetch(`${starter.app.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).toContain('"productKey":"starter-test"');
    const bundle = await fetch(`${starter.app.url}/app.js`);
    expect(bundle.headers.get('content-type')).toContain('text/javascript');
    // The page's script loads the escalation code on use, from chunks of its own (code splitting).
    const entry = await bundle.text();
    const chunks = [...new Set(entry.match(/\.\/chunks\/[\w-]+\.js/g) ?? [])];
    expect(chunks.length).toBeGreaterThan(0);
    const scripts = [entry];
    for (const chunk of chunks) {
      const response = await fetch(`${starter.app.url}/${chunk.slice(2)}`);
      expect(response.status).toBe(200);
      scripts.push(await response.text());
    }
    // The browser's bundle relays: no Zendesk adapter, no credentials in it.
    const code = scripts.join('\n');
    expect(code).toContain('/api/escalation');
    expect(code).not.toContain('test-token');
    expect(code).not.toContain('zendesk-ticket');
    expect((await fetch(`${starter.app.url}/chunks/missing.js`)).status).toBe(404);

    expect((await fetch(`${starter.app.url}/api/me`)).status).toBe(401);
    const signIn = await fetch(`${starter.app.url}/sign-in?user=u_pro`, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${starter.app.url}/api/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ id: 'u_pro', plan: 'pro' });
  });
});
