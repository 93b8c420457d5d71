import 'reflect-metadata';
import { container } from 'tsyringe';
import { createRegistry, createRedactor, redactContext, REDACTOR, type EscalationContext } from '@pillar/escalation-core';

// Every registry resolved from this container redacts contexts with your redactor before any
// adapter sees them (previews included).
container.register(REDACTOR, {
  useValue: createRedactor({ extra: [{ pattern: /\bACME-\d{6}\b/g, replacement: '[account number]' }] }),
});
export const registry = createRegistry({ options: [/* your options, as in Getting started */], container });

// Or redact a context yourself, for your own logs: a new object, the input is untouched.
export function forLogs(context: EscalationContext): EscalationContext {
  return redactContext(context, container.resolve(REDACTOR));
}
