import { installGlobal } from '@pillar/escalation-testkit/fakes';

/** A recording fake of a widget global `window.AcmeChat(command, ...args)`. */
function installAcmeChatFake(): { calls: unknown[][]; uninstall: () => void } {
  const calls: unknown[][] = [];
  const uninstall = installGlobal('AcmeChat', (...args: unknown[]) => {
    calls.push(args);
  });
  return { calls, uninstall };
}

let fake = installAcmeChatFake();
afterEach(() => {
  fake.uninstall();
  fake = installAcmeChatFake();
});

it('opens the chat with a prefilled message', () => {
  const acmeChat = (globalThis as unknown as { AcmeChat: (...args: unknown[]) => void }).AcmeChat;
  acmeChat('open', { message: 'Hello' }); // your adapter's deliver() would do this
  expect(fake.calls).toEqual([['open', { message: 'Hello' }]]);
});
