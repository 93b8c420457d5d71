import type { Locator, Page } from 'playwright-core';

/** How long the demo's browser tests wait for anything on the page. */
export const WAIT = { timeout: 30_000 };

/** The sidebar tab button the real Pillar SDK rendered (`aria-label` is the tab's label). */
export function tab(page: Page, label: string): Locator {
  return page.getByRole('button', { name: label, exact: true });
}

/** Clicks a sidebar tab and waits until its escalation (the newest card) has delivered or failed. */
export async function escalate(page: Page, label: string): Promise<Locator> {
  const before = await page.getByTestId('escalation').count();
  await tab(page, label).click();
  await page.waitForFunction(
    (n) => {
      const cards = document.querySelectorAll('[data-testid="escalation"]');
      return cards.length > n && cards[0]!.getAttribute('data-state') !== 'running';
    },
    before,
    WAIT,
  );
  return page.getByTestId('escalation').first();
}
