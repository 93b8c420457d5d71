import { fromPillarChat, type PillarChatExtra } from '../context/from-pillar-chat';
import { EscalationError, toEscalationError } from '../errors';
import type { SidebarTab } from '../option';
import type { EscalationRegistry } from '../registry/registry';
import type { Clock } from '../tokens';

/** What `watchSidebarTabs` needs. */
export interface WatchSidebarTabsOptions {
  /** The user (and page, metadata) the gates should see; the same function you give `connectPillar`. */
  getContext: () => PillarChatExtra | undefined | Promise<PillarChatExtra | undefined>;
  /**
   * Called when the tabs this user may see differ from the last ones: re-initialise Pillar with
   * them (see docs/pillar-sidebar.md). Awaited: the next check waits for it. When it throws, the
   * next check calls it again.
   */
  onChange: (tabs: SidebarTab[]) => void | Promise<void>;
  /** The tabs Pillar was initialised with. Absent: the first check only records them. @defaultValue none */
  initial?: readonly SidebarTab[];
  /**
   * How often to re-check (gates that change with time). `0` or `Infinity`: only on `refresh()`.
   * Re-initialising Pillar clears its open conversation, so prefer one stable tab mapped to
   * several options (`connectPillar`'s `tabs`) for business hours.
   * @defaultValue 0 (only on `refresh()`)
   */
  intervalMs?: number;
  /** "Now" for the gates. @defaultValue the registry's (its `CLOCK`, else the system clock) */
  clock?: Clock;
  /** Failures of `getContext`, the gates or `onChange`. @defaultValue `console.error` */
  onError?: (error: EscalationError) => void;
}

/** A running watch. */
export interface SidebarTabsWatch {
  /** The tabs of the last check (`initial` until then). */
  readonly tabs: readonly SidebarTab[] | undefined;
  /** Checks now (e.g. right after login or logout); resolves with the current tabs once `onChange` (if any) finished. */
  refresh(): Promise<readonly SidebarTab[] | undefined>;
  /** Stops the timer; later `refresh()` calls do nothing. */
  stop(): void;
}


/**
 * Keeps Pillar's sidebar tabs in step with who the user is. Pillar reads `sidebarTabs` only at
 * `Pillar.init` (0.1.x has no call to change them later), so when the tabs this user may see
 * change, `onChange` gets the new list and the app re-initialises Pillar (which clears Pillar's
 * open conversation: do it at login, logout or an upgrade). Checks run one at a time;
 * `onChange` fires only on a real difference.
 */
export function watchSidebarTabs(registry: EscalationRegistry, options: WatchSidebarTabsOptions): SidebarTabsWatch {
  if (typeof registry?.sidebarTabs !== 'function' || typeof registry.now !== 'function') throw new EscalationError('CONFIGURATION', 'watchSidebarTabs: expected an EscalationRegistry');
  if (typeof options?.getContext !== 'function' || typeof options.onChange !== 'function') {
    throw new EscalationError('CONFIGURATION', 'watchSidebarTabs: getContext and onChange are required functions');
  }
  const intervalMs = options.intervalMs ?? 0;
  if (typeof intervalMs !== 'number' || Number.isNaN(intervalMs) || intervalMs < 0) {
    throw new EscalationError('CONFIGURATION', `watchSidebarTabs: intervalMs must be a number of milliseconds >= 0 (got ${String(intervalMs)})`);
  }
  const clock: Clock = options.clock ?? registry;
  let current: readonly SidebarTab[] | undefined = options.initial ? [...options.initial] : undefined;
  let stopped = false;
  let queue: Promise<unknown> = Promise.resolve();

  const reportError = (error: unknown) => {
    const escalationError = toEscalationError(error, 'CONFIGURATION', 'watchSidebarTabs: the check failed');
    try {
      if (options.onError) options.onError(escalationError);
      else globalThis.console?.error?.(`[pillar-escalation] ${escalationError.code}: ${escalationError.message}`);
    } catch {
      // Never let a callback break the timer.
    }
  };

  const check = async (): Promise<readonly SidebarTab[] | undefined> => {
    if (stopped) return current;
    try {
      const context = fromPillarChat(null, (await options.getContext()) ?? {});
      const tabs = await registry.sidebarTabs(context, clock.now());
      if (stopped) return current;
      const changed = current !== undefined && JSON.stringify(tabs) !== JSON.stringify(current);
      // Recorded only once Pillar has them: a failed re-init is retried at the next check.
      if (changed) await options.onChange(tabs);
      current = tabs;
    } catch (error) {
      reportError(error);
    }
    return current;
  };

  const refresh = (): Promise<readonly SidebarTab[] | undefined> => {
    const next = queue.then(check);
    queue = next;
    return next;
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  if (intervalMs > 0 && Number.isFinite(intervalMs)) {
    timer = setInterval(() => void refresh(), intervalMs);
    // In Node (SSR, scripts, tests) the watch must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
  }
  if (current === undefined) void refresh();

  return {
    get tabs() {
      return current;
    },
    refresh,
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
