import { docOutputs } from './connect-pillar.support';

describe('docs/recipes.md', () => {
  it('shows what its runnable examples really print', () => {
    const outputs = docOutputs('docs/recipes.md');
    expect(outputs.map((o) => o.example)).toEqual(['docs/examples/recipes-1.ts', 'docs/examples/recipes-2.ts', 'docs/examples/recipes-3.ts']);
    for (const { shown, printed } of outputs) expect(printed).toBe(shown);
  }, 120_000);
});
