// server.ts: plain node:http.
import { createServer } from 'node:http';
import { toNodeHandler } from '@pillar/escalation-server';
import { escalationHandler } from './server-relay-1';

createServer(toNodeHandler(escalationHandler)).listen(3000);
