import type { DependencyContainer } from 'tsyringe';
import { container as rootContainer } from './tsyringe';
import type { EscalationOption } from '../option';
import { ESCALATION_OPTION } from '../tokens';
import { EscalationRegistry, REGISTRY_CONTAINER } from './registry';

/** What `createRegistry` accepts: the options, and optionally the container to derive from. */
export interface CreateRegistryOptions {
  /** The options to offer, registered in this order (which breaks ties of `order`); a malformed one or a duplicate id throws `CONFIGURATION`. */
  options: EscalationOption[];
  /** Parent container (services such as `HTTP_CLIENT`, `CLOCK`, `LOGGER`, `REDACTOR`). @defaultValue tsyringe's root container */
  container?: DependencyContainer;
}

/**
 * Builds a registry in a child container of its own, so two registries (two tests, two
 * tenants) never share options or state. Services registered on the parent container are seen.
 */
export function createRegistry(input: EscalationOption[] | CreateRegistryOptions): EscalationRegistry {
  const { options, container = rootContainer } = Array.isArray(input) ? { options: input } : input;
  const child = container.createChildContainer();
  for (const option of options) child.register(ESCALATION_OPTION, { useValue: option });
  child.register(REGISTRY_CONTAINER, { useValue: child });
  return child.resolve(EscalationRegistry);
}
