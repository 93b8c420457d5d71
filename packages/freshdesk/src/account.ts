import { EscalationError } from '@pillar/escalation-core';

/** Where one Freshdesk account's API and agent pages are. */
export interface FreshdeskAccount {
  /** The account name, lower case: `acme` for `acme.freshdesk.com`. */
  domain: string;
  /** Requests go to `${apiBase}/api/v2/...` (no trailing slash). */
  apiBase: string;
  /** Agents open tickets at `${agentBase}/a/tickets/{id}`. */
  agentBase: string;
}

const ACCOUNT_NAME = /^[a-z0-9][a-z0-9-]*$/i;
const FRESHDESK_HOST = /\.freshdesk\.com$/i;

/**
 * Checks `domain` (`acme` or `acme.freshdesk.com`) and an optional `baseUrl` (a proxy, or a
 * local server in tests) at construction. Throws `CONFIGURATION` naming the option.
 */
export function freshdeskAccount(domain: unknown, baseUrl: unknown, adapter: string): FreshdeskAccount {
  if (typeof domain !== 'string' || domain.trim() === '') {
    throw new EscalationError('CONFIGURATION', `${adapter}: \`domain\` is required: the account name, e.g. "acme" for acme.freshdesk.com`, {
      details: { path: 'domain' },
    });
  }
  const name = domain.trim().replace(FRESHDESK_HOST, '').toLowerCase();
  if (!ACCOUNT_NAME.test(name) || name.length > 63) {
    throw new EscalationError(
      'CONFIGURATION',
      `${adapter}: \`domain\` must be the account name ("acme") or its host ("acme.freshdesk.com"), not ${JSON.stringify(domain)}; for a custom host or a proxy set \`baseUrl\``,
      { details: { path: 'domain' } },
    );
  }
  const agentBase = `https://${name}.freshdesk.com`;
  return { domain: name, agentBase, apiBase: baseUrl === undefined ? agentBase : checkBaseUrl(baseUrl, adapter) };
}

function checkBaseUrl(baseUrl: unknown, adapter: string): string {
  const fail = (why: string) =>
    new EscalationError('CONFIGURATION', `${adapter}: \`baseUrl\` ${why} (got ${JSON.stringify(baseUrl)})`, { details: { path: 'baseUrl' } });
  if (typeof baseUrl !== 'string') throw fail('must be a string');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw fail('must be an absolute URL such as "https://acme.freshdesk.com"');
  }
  // The API key rides in every request: never in clear to another machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw fail('must use https, so the API key never travels in clear (http is allowed only for localhost, 127.0.0.0/8 and [::1])');
  }
  if (url.username || url.password) throw fail('must not carry credentials: use `apiKey`');
  if (url.search || url.hash) throw fail('must not have a query or a fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Whether a URL's `hostname` is this machine: `localhost`, an IPv4 address in 127.0.0.0/8 or
 * `[::1]` (as `URL` writes them). Only there may a secret travel over plain http.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
