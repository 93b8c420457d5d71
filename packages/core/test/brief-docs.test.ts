import { docsPage } from '../../../scripts/test-support/docs-page';
import { forEnglishAgents, forGermanAgents } from '../../../docs/examples/what-the-agent-sees-1';

const { rendered } = docsPage('docs/what-the-agent-sees.md');

describe('docs/what-the-agent-sees.md', () => {
  it('shows the rendered brief exactly, for an English and a German agent', () => {
    expect(rendered('brief text en (what-the-agent-sees-1)')).toBe(forEnglishAgents);
    expect(rendered('brief text de (what-the-agent-sees-1)')).toBe(forGermanAgents);
  });
});
