// The `@pillar/escalation-core/status` entry: the status surface after the click. Importing it
// defines <pillar-escalation-status> where the page has custom elements, and does nothing
// elsewhere (server rendering never touches `window`).
import { defineEscalationStatus } from './status/element';

export * from './status/index';

defineEscalationStatus();
