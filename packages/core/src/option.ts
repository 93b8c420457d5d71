import type { EscalationAdapter } from './adapter';
import type { Gate } from './gates/gate';

/** Icons the Pillar sidebar knows. */
export type SidebarIcon = 'help' | 'support' | 'settings' | 'feedback' | 'chat' | 'calendar' | 'mail' | 'tools';

/** One entry of Pillar's `sidebarTabs` config. */
export interface SidebarTab {
  /** The option's id; Pillar sends it back as `tabId` in `'sidebar:click'`. */
  id: string;
  /** The tab's text, the option's `label`. */
  label: string;
  /** Always `true` here: `sidebarTabs()` lists only the options this user may use now. */
  enabled: boolean;
  /** Position in the sidebar, lower first: the option's `order`, else its position in the list. */
  order: number;
  /** The option's icon; Pillar's default when absent. */
  icon?: SidebarIcon;
}

/** A way to reach a human, as the app offers it. */
export interface EscalationOption<A extends EscalationAdapter<any> = EscalationAdapter<any>> {
  /** Stable id; also the sidebar tab id. */
  id: string;
  /** What the user reads, e.g. "Talk to Support". */
  label: string;
  /** The sidebar tab's icon. @defaultValue Pillar's default tab icon */
  icon?: SidebarIcon;
  /** Lower comes first; options without an order follow in registration order. */
  order?: number;
  /** The integration that builds the payload and delivers it, e.g. `zendeskTicket({ ... })` or `relay({ ... })`. */
  adapter: A;
  /** Who may use it and when. Absent: everybody, always. */
  when?: Gate;
  /**
   * The agent's language for this option's transcript and brief (a BCP 47 tag), over the
   * registry's `brief.agentLocale`. @defaultValue the registry's
   */
  agentLocale?: string;
  /** Option ids to try, in order, when this one is unavailable, rate limited or times out. */
  fallback?: string[];
  /**
   * Fall back even when the failure is ambiguous (the request may have reached the provider),
   * accepting a possible duplicate. Default: the adapter's `fallbackOnAmbiguous`, else `false`.
   */
  fallbackOnAmbiguous?: boolean;
}
