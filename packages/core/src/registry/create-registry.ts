import type { DependencyContainer } from 'tsyringe';
import { container as rootContainer } from './tsyringe';
import type { EscalationOption } from '../option';
import { ESCALATION_OPTION } from '../tokens';
import { EscalationRegistry, REGISTRY_CONTAINER } from './registry';
import { BRIEF_SETTINGS, checkBriefSettings, type BriefSettings } from '../brief/settings';

/** What `createRegistry` accepts: the options, and optionally the container to derive from. */
export interface CreateRegistryOptions {
  /** The options to offer, registered in this order (which breaks ties of `order`); a malformed one or a duplicate id throws `CONFIGURATION`. */
  options: EscalationOption[];
  /** Parent container (services such as `HTTP_CLIENT`, `CLOCK`, `LOGGER`, `REDACTOR`). @defaultValue tsyringe's root container */
  container?: DependencyContainer;
  /**
   * The handoff brief that heads every transcript: the agent's language (`agentLocale`) for the
   * whole registry, and an optional `summarize` (the app's LLM) with its timeout.
   * @defaultValue English labels, the deterministic brief
   */
  brief?: BriefSettings;
}

/**
 * Builds a registry in a child container of its own, so two registries (two tests, two
 * tenants) never share options or state. Services registered on the parent container are seen.
 */
export function createRegistry(input: EscalationOption[] | CreateRegistryOptions): EscalationRegistry {
  const { options, container = rootContainer, brief } = Array.isArray(input) ? { options: input, brief: undefined } : input;
  const child = container.createChildContainer();
  if (brief !== undefined) child.register(BRIEF_SETTINGS, { useValue: checkBriefSettings(brief) });
  for (const option of options) child.register(ESCALATION_OPTION, { useValue: option });
  child.register(REGISTRY_CONTAINER, { useValue: child });
  return child.resolve(EscalationRegistry);
}
