// server.ts: plain node:http, with Node's own deadlines for the headers and the whole request.
import { createServer } from 'node:http';
import { toNodeHandler } from '@pillar/escalation-server';
import { escalationHandler } from './server-relay-1';

const server = createServer(
  { headersTimeout: 10_000, requestTimeout: 30_000 },
  // A body still incomplete 15 s after its headers is answered 408 and closed (the default).
  toNodeHandler(escalationHandler, { bodyTimeoutMs: 15_000 }),
);
server.listen(3000);
