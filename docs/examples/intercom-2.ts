import { createHmac } from 'node:crypto';

// Server only. Intercom → Settings → Security (Messenger security): the identity verification secret.
const secret = process.env.INTERCOM_IDENTITY_SECRET ?? '';

/** `user_hash`: HMAC-SHA256 (hex) of the user id, or of the email for users without an id. */
export function intercomUserHash(userIdOrEmail: string): string {
  return createHmac('sha256', secret).update(userIdOrEmail).digest('hex');
}

/** The Messenger security JWT (HS256), for workspaces that verify identity with JWTs. */
export function intercomUserJwt(user: { id: string; email?: string }, ttlSeconds = 3_600): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const claims = encode({ user_id: user.id, ...(user.email ? { email: user.email } : {}), exp: Math.floor(Date.now() / 1000) + ttlSeconds });
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

// A route of your app (fetch-standard: Next.js, Remix, Hono, ...). It answers only for the
// signed-in user: whoever holds a hash can chat as that user.
declare function currentUser(request: Request): Promise<{ id: string; email?: string } | undefined>;

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser(request);
  if (!user) return new Response(null, { status: 401 });
  return Response.json({ userId: user.id, intercomUserHash: intercomUserHash(user.id) }, { headers: { 'Cache-Control': 'private, no-store' } });
}
