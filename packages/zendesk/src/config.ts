import { EscalationError } from '@pillar/escalation-core';

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/i;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

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
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl must use https (http is allowed only for localhost), got ${url.protocol}//${url.host}`);
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
