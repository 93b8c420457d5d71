import type { SidebarTab } from '@pillar/escalation-core/sidebar';

/** What {@link watchTabs} needs. */
export interface WatchTabsOptions {
  /** The tabs this user may see now (`sidebarTabs` of the tabs and their gates). */
  tabs: () => Promise<SidebarTab[]>;
  /** The tabs Pillar was initialised with. */
  initial: readonly SidebarTab[];
  /** How often to re-check (real time crossing the support hours). */
  intervalMs: number;
  /** Called with the new tabs when they differ from the last ones: re-initialise Pillar. */
  onChange: (tabs: SidebarTab[]) => Promise<void>;
  /** A check that failed (a gate, or the re-initialisation). */
  onError: (error: unknown) => void;
}

/**
 * Keeps Pillar's tabs in step with the user and the clock, from the tabs alone (core's
 * `watchSidebarTabs` does this with a registry, which the page does not load before the first
 * click). Checks run one at a time; `onChange` fires only on a real difference.
 * @returns `refresh()`, which checks now.
 */
export function watchTabs(options: WatchTabsOptions): { refresh(): Promise<void> } {
  let current = JSON.stringify(options.initial);
  let queue: Promise<void> = Promise.resolve();
  const check = async (): Promise<void> => {
    try {
      const tabs = await options.tabs();
      const next = JSON.stringify(tabs);
      if (next === current) return;
      await options.onChange(tabs);
      current = next;
    } catch (error) {
      options.onError(error);
    }
  };
  const refresh = (): Promise<void> => (queue = queue.then(check));
  setInterval(() => void refresh(), options.intervalMs);
  return { refresh };
}
