// In the browser: follow one escalation (the status surface of @pillar/escalation-core does this for you).
declare const key: string; // result.idempotencyKey of the escalation

const source = new EventSource(`/api/escalation/escalations/${encodeURIComponent(key)}/events`, { withCredentials: true });
source.addEventListener('lifecycle', (message) => {
  const event = JSON.parse((message as MessageEvent<string>).data) as { seq: number; state: string; text?: string };
  sessionStorage.setItem(`escalation:${key}:seq`, String(event.seq));
  if (event.state === 'solved' || event.state === 'closed') source.close();
});
