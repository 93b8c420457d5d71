// app/api/escalation/[...path]/route.ts: a Next.js route handler (App Router).
import { escalationHandler } from './server-relay-1';

export async function GET(request: Request): Promise<Response> {
  return escalationHandler(request);
}

export async function POST(request: Request): Promise<Response> {
  return escalationHandler(request);
}

// Only needed when pages on other origins call the relay (allowedOrigins).
export async function OPTIONS(request: Request): Promise<Response> {
  return escalationHandler(request);
}
