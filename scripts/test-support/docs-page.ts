// A docs page as the adapters' tests read it, to hold the page to what the code does: a fenced
// block follows a `<!-- marker -->` line (`rendered: <label>` for output the page shows).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

export interface DocsPage {
  /** The whole page. */
  readonly text: string;
  /** The fenced block right after the `<!-- {marker} -->` line, or `undefined` without one. */
  blockAfter(marker: string): string | undefined;
  /** The fenced block right after `<!-- rendered: {label} -->`. */
  rendered(label: string): string | undefined;
}

/** Reads a page by its path from the repository root, e.g. `docs/adapters/calendly.md`. */
export function docsPage(path: string): DocsPage {
  const text = readFileSync(join(repoRoot, path), 'utf8');
  const blockAfter = (marker: string): string | undefined => {
    const tag = `<!-- ${marker} -->\n`;
    const start = text.indexOf(tag);
    if (start < 0) return undefined;
    const fence = text.indexOf('\n', start + tag.length) + 1;
    return text.slice(fence, text.indexOf('\n```', fence));
  };
  return { text, blockAfter, rendered: (label) => blockAfter(`rendered: ${label}`) };
}
