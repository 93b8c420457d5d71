import { docOutputs } from './connect-pillar.support';

describe('docs/suggest.md', () => {
  it('shows what its runnable example really prints', () => {
    const outputs = docOutputs('docs/suggest.md');
    expect(outputs.map((o) => o.example)).toEqual(['docs/examples/suggest-2.ts']);
    for (const { shown, printed } of outputs) expect(printed).toBe(shown);
  }, 60_000);
});
