import { EscalationError } from '@pillar/escalation-core';

/** How a request's `Origin` compares with the configuration. */
export type OriginVerdict =
  /** No `Origin` (a same-origin GET, a server, curl) or the handler's own host: no CORS headers needed. */
  | 'same'
  /** Listed in `allowedOrigins`: answered with CORS headers. */
  | 'allowed'
  /** Anything else: 403. */
  | 'refused';

/** Decides on origins; built once per handler. */
export interface OriginPolicy {
  check(origin: string | null, requestUrl: string): OriginVerdict;
}

/**
 * `allowedOrigins` are exact origins (`https://app.example.com`, scheme, host and port).
 * Whatever the list, a browser request from the page's own host passes: the `Origin` host is
 * compared with the request's host, ignoring the scheme, because behind a TLS-terminating
 * proxy the server sees `http` while the browser says `https`.
 */
export function originPolicy(allowedOrigins: readonly string[] | undefined): OriginPolicy {
  const allowed = new Set<string>();
  for (const origin of allowedOrigins ?? []) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new EscalationError('CONFIGURATION', `createEscalationHandler: allowedOrigins must hold origins such as "https://app.example.com", got ${JSON.stringify(origin)}`);
    }
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new EscalationError('CONFIGURATION', `createEscalationHandler: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path), e.g. "https://app.example.com"`);
    }
    allowed.add(parsed.origin);
  }
  return {
    check(origin, requestUrl) {
      if (origin === null) return 'same';
      if (allowed.has(origin)) return 'allowed';
      return sameHost(origin, requestUrl) ? 'same' : 'refused';
    },
  };
}

/** `https://a.example:8443` against `http://a.example:8443/api/...`: the part after `//` up to the path. */
function sameHost(origin: string, requestUrl: string): boolean {
  const o = origin.indexOf('//');
  const r = requestUrl.indexOf('//');
  if (o < 0 || r < 0) return false;
  const host = origin.slice(o + 2);
  if (host === '' || host.includes('/')) return false;
  return requestUrl.startsWith(host, r + 2) && (requestUrl.length === r + 2 + host.length || requestUrl[r + 2 + host.length] === '/');
}
