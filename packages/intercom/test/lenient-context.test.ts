/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type DroppedValue, type EscalationResult } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { installIntercomFake, type IntercomFake } from '@pillar/escalation-testkit/fakes';
import { HTTP_PAGE, CONTROL, raw, cleaned, FIXTURES, strings } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, still open the Messenger; what was dropped is reported, and no non-http page
// address reaches a Messenger attribute.

let fake: IntercomFake | undefined;
beforeEach(() => {
  document.head.innerHTML = '<script src="/app.js"></script>';
});
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

describe('intercomMessenger: lenient context', () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: opens the Messenger and reports what was dropped', async (_name, fixture) => {
    fake = installIntercomFake({ mode: 'normal' });
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', resendDelayMs: 1, widgetTimeoutMs: 2_000 }) }]);
    const started: Array<DroppedValue[] | undefined> = [];
    registry.on('escalation:start', (event) => started.push(event.dropped));
    const { context } = parseContextWithReport(fixture.raw);

    const result: EscalationResult = await registry.escalate('chat', context);

    expect(result).toMatchObject({ optionId: 'chat', kind: 'intercom-messenger', status: 'opened' });
    expect(result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([['chat', 'delivered']]);
    expect(result.dropped ?? []).toEqual(fixture.dropped);
    expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);

    // What the widget got: boot settings and custom attributes are single-line, without the app-shell address.
    const settings = fake.settings ?? {};
    for (const [path, value] of strings(settings)) {
      expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
      if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
    }
    const expectedEmail = fixture.dropped.some((d) => d.path === 'user.email') ? undefined : 'ada@example.com';
    expect(settings.email).toBe(expectedEmail);
    expect(settings.pillar_page_url).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    // Nothing but the composer text may carry the page address, and only as text.
    for (const call of fake.calls.filter((c) => c.method !== 'showNewMessage')) {
      if (fixture.displayUrl) expect(JSON.stringify(call.args)).not.toContain(fixture.displayUrl);
    }
    expect(fake.composer).toMatch(/^Request: I cannot find my invoices in the app\./);
    // A cleaned value stays on its line: nothing it carried starts a line of its own.
    expect(fake.composer).not.toMatch(/\r|\n(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
  });
});
