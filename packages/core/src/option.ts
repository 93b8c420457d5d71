import type { EscalationAdapter } from './adapter';
import type { Gate } from './gates/gate';

/** Icons the Pillar sidebar knows. */
export type SidebarIcon = 'help' | 'support' | 'settings' | 'feedback' | 'chat' | 'calendar' | 'mail' | 'tools';

/** One entry of Pillar's `sidebarTabs` config. */
export interface SidebarTab {
  id: string;
  label: string;
  enabled: boolean;
  order: number;
  icon?: SidebarIcon;
}

/** A way to reach a human, as the app offers it. */
export interface EscalationOption<A extends EscalationAdapter<any> = EscalationAdapter<any>> {
  /** Stable id; also the sidebar tab id. */
  id: string;
  /** What the user reads, e.g. "Talk to Support". */
  label: string;
  icon?: SidebarIcon;
  /** Lower comes first; options without an order follow in registration order. */
  order?: number;
  adapter: A;
  /** Who may use it and when. Absent: everybody, always. */
  when?: Gate;
  /** Option ids to try, in order, when this one is unavailable, rate limited or times out. */
  fallback?: string[];
  /**
   * Fall back even when the failure is ambiguous (the request may have reached the provider),
   * accepting a possible duplicate. Default: the adapter's `fallbackOnAmbiguous`, else `false`.
   */
  fallbackOnAmbiguous?: boolean;
}
