/** @jest-environment jest-fixed-jsdom */
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { communityRedirect, discord, discourse, githubDiscussions, githubIssues, slack, urlTemplate, type CommunityTarget } from '../src';

/** window.open answering with a tab, so deliver can run. */
function fakeTab() {
  const open = jest.spyOn(window, 'open').mockImplementation(() => ({ opener: window }) as unknown as Window);
  return () => open.mockRestore();
}

const targets: Array<[string, () => CommunityTarget]> = [
  ['discourse', () => discourse({ baseUrl: 'https://forum.example.com', category: 'support', tags: ['from-app'] })],
  ['githubDiscussions', () => githubDiscussions({ repo: 'acme/widgets', category: 'q-a' })],
  ['githubIssues', () => githubIssues({ repo: 'acme/widgets', labels: ['support'], template: 'support.md' })],
  ['slack', () => slack({ team: 'T0123ABCD', channel: 'C0456EFGH' })],
  ['discord', () => discord({ invite: 'acme-help' })],
  ['urlTemplate', () => urlTemplate('https://forum.example.com/ask?q={title}&details={body}&ref={conversationId}&reason={reason}&from={pageUrl}')],
];

for (const [name, target] of targets) {
  describeAdapterConformance(`communityRedirect(${name})`, () => communityRedirect({ target: target(), maxUrlLength: 2000 }), {
    limits: { maxUrlLength: 2000 },
    // The payload is a URL and a markdown transcript, never HTML.
    textFields: ['url', 'transcript'],
    timeoutMs: 30_000,
    numRuns: 50,
    deliver: {
      run: true,
      setup: fakeTab,
      expect(delivery, payload) {
        expect(delivery).toMatchObject({ status: 'redirected', reference: { url: payload.url } });
      },
    },
  });
}
