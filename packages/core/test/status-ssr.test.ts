// Node, no DOM: what server rendering sees.
import { connectPillar } from '@pillar/escalation-core';
import { defineEscalationStatus, showEscalationStatus, statusMessage } from '@pillar/escalation-core/status';
import { fakePillar } from './connect-pillar.support';
import { registryAt } from './status.support';

describe('the status entry without a page', () => {
  it('imports without touching window, defines nothing and still words a status', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(defineEscalationStatus()).toBeUndefined();
    expect(statusMessage({ phase: 'working', requestedOptionId: 'chat', optionId: 'chat', provider: 'Intercom', alternatives: [], canRetry: false, following: false, startedAt: 0, locale: 'de' }).text).toBe(
      'Support wird über Intercom kontaktiert …',
    );
    expect(() => showEscalationStatus(registryAt(new Date(), []))).toThrow(TypeError);
  });

  it('connectPillar({ status: true }) shows nothing where there is no page, and connects', () => {
    const disconnect = connectPillar(fakePillar(), registryAt(new Date(), []), { status: true });
    expect(typeof disconnect).toBe('function');
    disconnect();
  });
});
