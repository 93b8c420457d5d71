/** @jest-environment jest-fixed-jsdom */
import { describe, expect, it } from '@jest/globals';
import { installIntercomFake } from '@pillar/escalation-testkit/fakes';

type IntercomGlobals = { Intercom?: unknown; intercomSettings?: unknown };
const win = window as unknown as IntercomGlobals;

describe('the testkit fake of window.Intercom', () => {
  it("restores the page's own Intercom and intercomSettings on uninstall, instead of deleting them", () => {
    const pageIntercom = () => undefined;
    const pageSettings = { app_id: 'page-app' };
    win.Intercom = pageIntercom;
    win.intercomSettings = pageSettings;
    try {
      const fake = installIntercomFake({ state: 'booted' });
      expect(win.Intercom).not.toBe(pageIntercom);
      (win.Intercom as (method: string, ...args: unknown[]) => void)('update', { name: 'Ada' });
      win.intercomSettings = { app_id: 'test-app' };
      expect(fake.methods()).toEqual(['update']);
      fake.uninstall();
      expect(win.Intercom).toBe(pageIntercom);
      expect(win.intercomSettings).toBe(pageSettings);
      // A second uninstall changes nothing.
      fake.uninstall();
      expect(win.Intercom).toBe(pageIntercom);
    } finally {
      delete win.Intercom;
      delete win.intercomSettings;
    }
  });

  it('removes the globals the SDK added during the test when the page had none', async () => {
    const fake = installIntercomFake();
    // What the SDK does when it boots: settings, a queueing stub, then its loader script.
    win.intercomSettings = { app_id: 'test-app' };
    const stub = Object.assign((...args: unknown[]) => stub.q.push(args), { q: [] as unknown[] });
    win.Intercom = stub;
    const script = document.createElement('script');
    script.id = '_intercom_npm_loader';
    script.src = 'https://widget.intercom.io/widget/test-app';
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.booted).toBe(true);
    fake.uninstall();
    expect('Intercom' in win).toBe(false);
    expect('intercomSettings' in win).toBe(false);
    expect(document.getElementById('_intercom_npm_loader')).toBeNull();
  });
});
