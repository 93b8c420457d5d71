/**
 * Whether a URL's `hostname` is this machine: `localhost`, an IPv4 address in 127.0.0.0/8, or
 * `[::1]` (as `URL` writes them). Only there may a secret travel over plain http.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
