export { hasLoneSurrogate, thrown } from '../../../scripts/test-support/text';
export { isRenderedTranscript } from '../../../scripts/test-support/transcripts';

/** The decoded query of a URL, in order. */
export function queryOf(href: string): Record<string, string> {
  return Object.fromEntries(new URL(href).searchParams);
}

