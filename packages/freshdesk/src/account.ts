import { custom } from '@pillar/escalation-core';

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

/** The `domain` option: `acme` or `acme.freshdesk.com`, checked to the lower-case account name. */
export const domainField = custom({
  expects: 'the account name ("acme") or its host ("acme.freshdesk.com"); for a custom host or a proxy set baseUrl',
  required: true as const,
  invalid: ['', 'acme.example.com', 42],
  check: (domain: unknown): string | undefined => {
    const name = typeof domain === 'string' ? domain.trim().replace(FRESHDESK_HOST, '').toLowerCase() : '';
    return ACCOUNT_NAME.test(name) && name.length <= 63 ? name : undefined;
  },
});

/** The account's addresses: the API at `baseUrl` (already checked) when given, else at the account's host. */
export function freshdeskAccount(domain: string, baseUrl: string | undefined): FreshdeskAccount {
  const agentBase = `https://${domain}.freshdesk.com`;
  return { domain, agentBase, apiBase: baseUrl ?? agentBase };
}
