/** @jest-environment jest-fixed-jsdom */
import { intercomMessenger } from '@pillar/escalation-intercom';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { installIntercomFake } from '@pillar/escalation-testkit/fakes';

describeAdapterConformance('intercom-messenger', () => intercomMessenger({ appId: 'abc12def', identity: { userHash: 'ab'.repeat(32) }, resendDelayMs: 5 }), {
  // Plain text for the composer and the attributes: Intercom shows them as typed, never as HTML.
  textFields: ['message', 'update.*', 'boot.*'],
  deliver: {
    run: true,
    setup() {
      document.head.innerHTML = '<script src="/app.js"></script>';
      const widget = installIntercomFake();
      return () => widget.uninstall();
    },
  },
});
