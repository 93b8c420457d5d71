// Your own surface from the same events: the tracker gives the view, statusMessage the words.
import { statusMessage, trackEscalationStatus } from '@pillar/escalation-core/status';
import type { EscalationRegistry } from '@pillar/escalation-core';

declare function renderToast(toast: { title: string; body: string; tone: string; retry?: () => void }): void;

export function ownStatus(registry: EscalationRegistry) {
  const tracker = trackEscalationStatus(registry, { follow: '/api/escalation' }, (view) => {
    if (!view) return;
    const message = statusMessage(view);
    renderToast({
      title: message.text,
      body: message.detail ?? '',
      tone: message.tone,
      ...(view.canRetry ? { retry: () => tracker.retry() } : {}),
    });
  });
  return () => tracker.stop();
}
