import { assertSameTarget, encodeUrlComponent, EscalationError, shareBudget } from '@pillar/escalation-core';
import { configError } from '../internal';
import type { CommunityTarget, ConversationText } from '../target';

/** The placeholders a template may use; each value is encoded with `encodeURIComponent`. */
export const URL_TEMPLATE_PLACEHOLDERS = ['title', 'body', 'conversationId', 'reason', 'pageUrl'] as const;
/**
 * A placeholder of {@link urlTemplate}, written `{name}` in the template: `title` (one line from
 * the user's question), `body` (the transcript), `conversationId` (Pillar's id), `reason` (the
 * escalation reason) or `pageUrl` (the page the user was on). Identifiers and the page URL go in
 * whole or not at all.
 */
export type UrlTemplatePlaceholder = (typeof URL_TEMPLATE_PLACEHOLDERS)[number];

type Part = { literal: string } | { placeholder: UrlTemplatePlaceholder; inPath: boolean };

const ORIGIN = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/**
 * Any other forum or form: `urlTemplate('https://forum.example.com/ask?q={title}&details={body}')`.
 * Placeholders: `{title}`, `{body}`, `{conversationId}`, `{reason}`, `{pageUrl}`, anywhere after
 * the host (path, query or fragment). The scheme and host are fixed: a placeholder there is a
 * `CONFIGURATION` error, as is an unknown placeholder or a stray brace.
 */
export function urlTemplate(template: string): CommunityTarget {
  if (typeof template !== 'string') throw configError('urlTemplate needs a template string');
  const origin = ORIGIN.exec(template);
  if (origin === null) throw configError(`urlTemplate must be an absolute http(s) URL, got "${template}"`);
  if (/[{}]/.test(origin[0])) {
    throw configError(`urlTemplate placeholders may not be in the scheme or host: "${origin[0]}" is fixed`);
  }
  const fixed = new URL(origin[0]);
  if (fixed.protocol !== 'https:' && fixed.protocol !== 'http:') {
    throw configError(`urlTemplate must use http or https, got "${fixed.protocol}"`);
  }
  if (fixed.username !== '' || fixed.password !== '') throw configError('urlTemplate must not contain credentials');
  const parts = parseParts(template, origin[0].length);
  // The template with every placeholder empty must itself be a valid URL on that origin.
  const empty = parts.map((p) => ('literal' in p ? p.literal : '')).join('');
  let emptyUrl: URL;
  try {
    emptyUrl = new URL(empty);
  } catch {
    throw configError(`urlTemplate is not a valid URL: "${template}"`);
  }
  if (emptyUrl.origin !== fixed.origin) throw configError(`urlTemplate must stay on ${fixed.origin}`);
  // The literal path before the first path placeholder: the built URL must keep it.
  const firstPath = parts.findIndex((p) => 'placeholder' in p && p.inPath);
  const pathPrefix =
    firstPath === -1
      ? emptyUrl.pathname
      : new URL(parts.slice(0, firstPath).map((p) => ('literal' in p ? p.literal : '')).join('')).pathname;

  const counts = new Map<UrlTemplatePlaceholder, number>();
  for (const p of parts) if ('placeholder' in p) counts.set(p.placeholder, (counts.get(p.placeholder) ?? 0) + 1);
  const used = [...counts.keys()];
  // The parser may normalize literals (lower-case host, a "/" path); values are never re-encoded.
  const literalLength = emptyUrl.href.length;

  return {
    name: 'url-template',
    origin: fixed.origin,
    takesText: counts.has('body'),
    buildUrl(text: ConversationText, maxLength: number) {
      const budget = maxLength - literalLength;
      if (budget < 0) {
        throw new EscalationError('CONFIGURATION', `urlTemplate is ${literalLength} characters without values, over maxUrlLength (${maxLength})`, {
          retryable: false,
        });
      }
      const values = shareBudget(
        used.map((name) => ({ render: text[name], weight: counts.get(name)! })),
        budget,
      );
      const encoded = new Map(used.map((name, i) => [name, encodeUrlComponent(values[i]!)]));
      const href = parts
        .map((p) => {
          if ('literal' in p) return p.literal;
          const value = encoded.get(p.placeholder)!;
          // "." and ".." (encoded or not) are dot segments a URL parser resolves: never in a path.
          return p.inPath && /^(?:\.|%2e)*$/i.test(value) ? '' : value;
        })
        .join('');
      const result = assertSameTarget(href, fixed, maxLength, { samePath: false });
      if (!new URL(result).pathname.startsWith(pathPrefix)) {
        throw new EscalationError('CONFIGURATION', `Refusing a URL that leaves ${fixed.origin}${pathPrefix}`, { retryable: false });
      }
      return result;
    },
  };
}

function parseParts(template: string, start: number): Part[] {
  const parts: Part[] = [{ literal: template.slice(0, start) }];
  let inPath = true;
  let literal = '';
  for (let i = start; i < template.length; i += 1) {
    const c = template[i]!;
    if (c === '{') {
      const end = template.indexOf('}', i);
      const name = end === -1 ? '' : template.slice(i + 1, end);
      if (!(URL_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw configError(
          end === -1
            ? `urlTemplate has an unclosed "{" at position ${i}`
            : `urlTemplate has an unknown placeholder {${name}}; use ${URL_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
        );
      }
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ placeholder: name as UrlTemplatePlaceholder, inPath });
      i = end;
      continue;
    }
    if (c === '}') throw configError(`urlTemplate has a stray "}" at position ${i}`);
    if (c === '?' || c === '#') inPath = false;
    literal += c;
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}
