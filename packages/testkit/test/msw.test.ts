import { beforeEach, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';

const server = setupProviderServer(
  http.post('https://acme.example.com/api/v2/tickets.json', () => HttpResponse.json({ ticket: { id: 7 } }, { status: 201 })),
  http.post('https://acme.example.com/form', () => new HttpResponse(null, { status: 204 })),
);
const requests = recordRequests(server);

beforeEach(() => requests.clear());

describe('setupProviderServer', () => {
  it('answers with the handlers it was given', async () => {
    const response = await fetch('https://acme.example.com/api/v2/tickets.json', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ticket: { id: 7 } });
  });

  it('resets per-test handlers after each test', async () => {
    server.use(http.get('https://acme.example.com/ping', () => HttpResponse.text('pong')));
    expect(await (await fetch('https://acme.example.com/ping')).text()).toBe('pong');
  });
});

describe('recordRequests', () => {
  it('records method, url, lower-cased headers and the parsed JSON body', async () => {
    await fetch('https://acme.example.com/api/v2/tickets.json?async=true', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': 'esc_123' },
      body: JSON.stringify({ ticket: { subject: 'Refund', tags: ['pillar'] } }),
    });
    expect(await requests.all()).toEqual([
      {
        method: 'POST',
        url: 'https://acme.example.com/api/v2/tickets.json?async=true',
        headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8', 'idempotency-key': 'esc_123' }),
        body: { ticket: { subject: 'Refund', tags: ['pillar'] } },
      },
    ]);
  });

  it('parses forms into an object and keeps other bodies as text', async () => {
    await fetch('https://acme.example.com/form', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'two words' }) });
    await fetch('https://acme.example.com/form', { method: 'POST', body: 'plain', headers: { 'content-type': 'text/plain' } });
    await fetch('https://acme.example.com/form', { method: 'POST' });
    expect((await requests.all()).map((r) => r.body)).toEqual([{ a: '1', b: 'two words' }, 'plain', undefined]);
    expect((await requests.last())?.method).toBe('POST');
  });

  it('stops recording when asked', async () => {
    const extra = recordRequests(server);
    extra.stop();
    await fetch('https://acme.example.com/form', { method: 'POST' });
    expect(await extra.all()).toEqual([]);
    expect(await requests.all()).toHaveLength(1);
  });
});
