// identify: read your own session; never anything the browser says about itself.
import { EscalationError, type EscalationUser } from '@pillar/escalation-core';
import { createEscalationHandler, type Identify } from '@pillar/escalation-server';
import { registry } from './security-2';

/** Your session store. */
declare const sessions: { find(id: string): Promise<{ userId: string; email: string; plan: string; role: string; seats: number } | undefined> };

export const identify: Identify = async (request): Promise<EscalationUser | null> => {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  if (!sid) return null; // anonymous
  const session = await sessions.find(sid);
  // A session cookie that no longer works is refused (403) rather than served as anonymous.
  if (!session) throw new EscalationError('NOT_ALLOWED', 'Your session has expired; sign in again');
  return { id: session.userId, email: session.email, plan: session.plan, role: session.role, attributes: { seats: session.seats } };
};

export const handler = createEscalationHandler({
  registry,
  identify,
  // Pages on these origins may call the relay; the handler's own host always may.
  allowedOrigins: ['https://app.example.com'],
  limits: { maxBodyBytes: 512 * 1024, maxMessages: 500 },
  // Behind a proxy you run: its header, not X-Forwarded-For from anyone.
  clientAddress: (request) => request.headers.get('x-real-ip') ?? undefined,
  onError: (error) => console.error('escalation relay', error.code, error.message, error.cause),
});
