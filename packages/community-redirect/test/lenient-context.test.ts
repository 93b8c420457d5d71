/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type DroppedValue, type EscalationResult } from '@pillar/escalation-core';
import { communityRedirect, discourse, githubIssues, slack, urlTemplate, type CommunityTarget } from '../src';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, redirect to every kind of community target; what was dropped is reported;
// the URL opened stays on the target and never links to the app-shell address (a {pageUrl}
// placeholder stays empty; the address may only be text inside the transcript).

const cases = FIXTURES.map((f) => [f.name, f] as const);
const SCHEMES = /^(?:capacitor|tauri|chrome-extension|file|app):/i;

const TARGETS: Array<[string, () => CommunityTarget]> = [
  ['discourse', () => discourse({ baseUrl: 'https://forum.example.com' })],
  ['github issues', () => githubIssues({ repo: 'acme/widgets' })],
  ['slack', () => slack({ team: 'T0123ABCD', channel: 'C0456EFGH' })],
  ['url template with {pageUrl}', () => urlTemplate('https://support.example.com/new?title={title}&ref={pageUrl}&body={body}')],
];

afterEach(() => jest.restoreAllMocks());

async function escalate(target: CommunityTarget, fixture: Fixture): Promise<{ result: EscalationResult; opened: string }> {
  const open = jest.spyOn(window, 'open').mockImplementation(() => ({ opener: window }) as unknown as Window);
  const registry = createRegistry([{ id: 'community', label: 'Ask the community', adapter: communityRedirect({ target, includeUser: true }) }]);
  const started: Array<DroppedValue[] | undefined> = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  const { context } = parseContextWithReport(fixture.raw);
  const result = await registry.escalate('community', context);
  expect(result).toMatchObject({ optionId: 'community', kind: 'community-redirect', status: 'redirected' });
  expect(result.dropped ?? []).toEqual(fixture.dropped);
  expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
  expect(open).toHaveBeenCalledTimes(1);
  return { result, opened: String(open.mock.calls[0]?.[0]) };
}

/** What the community gets as text: the page shown (the app-shell address as text), nothing linked, cleaned values on their line. */
function expectText(text: string, fixture: Fixture): void {
  expect(text).toContain(fixture.displayUrl ?? HTTP_PAGE);
  expect(text).not.toMatch(/<a[\s>]|href\s*=|\]\(\s*<?(?:capacitor|tauri|chrome-extension|file|app):|<(?:capacitor|tauri|chrome-extension|file|app):/i);
  expect(text).not.toMatch(/\r|\n(?:> )?(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
}

describe('communityRedirect: lenient context', () => {
  describe.each(TARGETS)('%s', (_target, make) => {
    it.each(cases)('%s: opens the target; the app-shell address is never a link or a URL value', async (_name, fixture) => {
      const target = make();
      const { result, opened } = await escalate(target, fixture);

      expect(result.reference?.url).toBe(opened);
      const url = new URL(opened);
      expect(url.origin).toBe(target.origin);
      if (fixture.displayUrl) expect(opened).not.toContain(fixture.displayUrl);
      for (const [name, value] of url.searchParams) expect({ name, link: SCHEMES.test(value.trim()) }).toEqual({ name, link: false });
      const title = url.searchParams.get('title');
      if (title !== null) expect({ title, control: CONTROL.test(title) }).toEqual({ title, control: false });
      if (url.searchParams.has('ref')) expect(url.searchParams.get('ref')).toBe(fixture.displayUrl ? '' : HTTP_PAGE);
      // The conversation travels in the URL (a body parameter) or in the delivery (to copy by hand).
      const text = target.takesText ? url.searchParams.get('body') : (result.data?.transcript as string | undefined);
      expectText(String(text), fixture);
    });
  });
});
