import { EscalationError, parseContext } from '@pillar/escalation-core';
import type { CustomFormSubmission } from '@pillar/example-custom-form-adapter';

/** Your endpoint (any fetch-standard server: Next.js route handler, Hono, Bun, Deno). */
export async function POST(request: Request): Promise<Response> {
  let submission: CustomFormSubmission;
  try {
    const body = (await request.json()) as CustomFormSubmission;
    // Never trust the browser: validate the context again, and take the user from your session.
    submission = { ...body, context: parseContext(body.context) };
  } catch (error) {
    const message = error instanceof EscalationError ? error.message : 'invalid JSON';
    return Response.json({ message }, { status: 400 });
  }
  const id = await saveTicket(submission, request.headers.get('idempotency-key') ?? submission.idempotencyKey);
  return Response.json({ id, url: `https://support.example.com/tickets/${id}` }, { status: 201 });
}

/** Stores the ticket once per idempotency key (yours: a database, a queue, an email). */
declare function saveTicket(submission: CustomFormSubmission, idempotencyKey: string): Promise<string>;
