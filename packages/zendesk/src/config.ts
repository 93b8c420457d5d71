import { EscalationError } from '@pillar/escalation-core';

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/i;

/** Checks a Zendesk subdomain (`acme` in `acme.zendesk.com`) at construction. */
export function checkSubdomain(subdomain: unknown, adapter: string): string {
  if (typeof subdomain !== 'string' || !SUBDOMAIN.test(subdomain)) {
    throw new EscalationError(
      'CONFIGURATION',
      `${adapter}: subdomain must be the account name (letters, digits and hyphens, e.g. "acme" for acme.zendesk.com), got ${JSON.stringify(subdomain)}`,
    );
  }
  return subdomain.toLowerCase();
}

/**
 * The API origin (plus an optional path prefix, for a proxy), without a trailing slash:
 * `baseUrl` when given (https, or http only for a loopback host), else `https://{subdomain}.zendesk.com`.
 */
export function apiBase(subdomain: string, baseUrl: unknown, adapter: string): string {
  if (baseUrl === undefined) return `https://${subdomain}.zendesk.com`;
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new EscalationError(
      'CONFIGURATION',
      `${adapter}: baseUrl must use https, so the credentials never travel in clear (http is allowed only for localhost, 127.0.0.0/8 and [::1]), got ${url.protocol}//${url.host}`,
      { details: { path: 'baseUrl' } },
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl must not carry credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A positive whole number option, else `CONFIGURATION` naming it. */
export function positiveInt(value: unknown, fallback: number, name: string, adapter: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw new EscalationError('CONFIGURATION', `${adapter}: ${name} must be a whole number between 1 and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Whether a URL's `hostname` is this machine: `localhost`, an IPv4 address in 127.0.0.0/8 or
 * `[::1]` (as `URL` writes them). Only there may a secret travel over plain http.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
