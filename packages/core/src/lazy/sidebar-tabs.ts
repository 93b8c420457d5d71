import type { EscalationContext } from '../context/types';
import type { EscalationOption, SidebarTab } from '../option';

/** What the sidebar needs of an option before its adapter exists: its tab and its gate. */
export type SidebarOption = Pick<EscalationOption, 'id' | 'label' | 'icon' | 'order' | 'when'>;

/**
 * Pillar's `sidebarTabs` config for this user, from the options alone (no registry, no
 * adapters): the options whose gate allows them at `at`, in display order. The same tabs as
 * `registry.sidebarTabs` for the same options; a gate that throws closes its option.
 */
export async function sidebarTabs(options: readonly SidebarOption[], context: EscalationContext, at: Date = new Date()): Promise<SidebarTab[]> {
  const allowed = await Promise.all(
    options.map(async (option) => {
      if (!option.when) return true;
      try {
        return (await option.when(context, at)) === true;
      } catch {
        return false;
      }
    }),
  );
  return options
    .map((option, index) => ({ option, index }))
    .filter((_, i) => allowed[i])
    .sort((a, b) => (a.option.order ?? Number.MAX_SAFE_INTEGER) - (b.option.order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .map(({ option }, position) => ({
      id: option.id,
      label: option.label,
      enabled: true,
      order: option.order ?? position,
      ...(option.icon ? { icon: option.icon } : {}),
    }));
}
