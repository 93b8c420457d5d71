import { isLoopbackHost } from '../url/loopback';
import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link baseUrl}. */
export interface BaseUrlOptions {
  /**
   * Whether requests to this URL carry a secret (an API token, a key). Then the one rule holds:
   * https always, http only to a loopback host (`localhost`, 127.0.0.0/8, `[::1]`) for tests and
   * local proxies. @defaultValue `true`
   */
  secret?: boolean;
  /** The value when the option is absent. */
  default?: string;
  /** The option must be given. */
  required?: boolean;
}

/**
 * An http(s) base URL (an API origin, optionally with a path prefix for a proxy), normalised
 * without a trailing slash; never with credentials, a query or a fragment.
 */
export function baseUrl<const O extends BaseUrlOptions = {}>(options: O = {} as O): OptionField<string, AlwaysWith<O>> {
  const secret = options.secret ?? true;
  return {
    expects: secret ? 'an https URL (http only for localhost, 127.0.0.0/8 or [::1])' : 'an http(s) URL',
    ...(options.default === undefined ? {} : { default: options.default }),
    ...(options.required ? { required: true } : {}),
    invalid: ['not a url', 'ftp://example.com', 'https://user:pass@example.com', ...(secret ? ['http://proxy.example.com'] : [])],
    check: (value) => checkBaseUrl(value, secret),
  };
}

/** The URL rule on its own, for a URL that does not come from an option declaration. */
export function checkBaseUrl(value: unknown, secret: boolean): string | OptionProblem {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return new OptionProblem();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return new OptionProblem();
  if (secret && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return new OptionProblem(
      `must use https, so the credentials never travel in clear (http is allowed only for localhost, 127.0.0.0/8 and [::1]), got ${url.protocol}//${url.host}`,
    );
  }
  if (url.username || url.password || url.search || url.hash) return new OptionProblem('must not carry credentials, a query or a fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
