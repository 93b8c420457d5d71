import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { EscalationContext } from '@pillar/escalation-core';

/** The repository root (this file is packages/intercom/test/support.ts). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Intercom's own OpenAPI document (2.16), vendored in specs/ (see specs/README.md). */
export const intercomSpecPath = join(repoRoot, 'specs', 'intercom-api-2.16.yaml');

/** The request bodies our adapters send, by operation. */
export type IntercomOperation = 'POST /contacts/search' | 'POST /contacts' | 'POST /conversations' | 'POST /tickets' | 'POST /conversations/search' | 'POST /tickets/search';

const OPERATIONS: Record<IntercomOperation, [path: string, method: string]> = {
  'POST /contacts/search': ['/contacts/search', 'post'],
  'POST /contacts': ['/contacts', 'post'],
  'POST /conversations': ['/conversations', 'post'],
  'POST /tickets': ['/tickets', 'post'],
  'POST /conversations/search': ['/conversations/search', 'post'],
  'POST /tickets/search': ['/tickets/search', 'post'],
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  components: { schemas: Record<string, any> };
}

let validators: Map<IntercomOperation, ValidateFunction> | undefined;
let specDocument: OpenApiDocument | undefined;

function readSpec(): OpenApiDocument {
  return (specDocument ??= parse(readFileSync(intercomSpecPath, 'utf8')) as OpenApiDocument);
}

/** The API version the spec describes (`components.schemas.intercom_version.default`). */
export function specVersion(): string {
  return readSpec().components.schemas.intercom_version.default as string;
}

function load(): Map<IntercomOperation, ValidateFunction> {
  if (validators) return validators;
  // A private copy: the relaxations below must not leak into other readers.
  const doc = structuredClone(readSpec());
  // Spec quirk (PROVIDERS.md): `from.id` is declared a 24-character "uuid", which real
  // Intercom ids (24 hex digits) fail under a strict format check. Keep the length, drop the format.
  const fromId = doc.components.schemas.create_conversation_request.properties.from.properties.id;
  if (fromId?.format !== 'uuid') throw new Error('The spec no longer declares from.id as a uuid: revisit this relaxation');
  delete fromId.format;
  dropUntypedNullable(doc.components);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validators = new Map();
  for (const [operation, [path, method]] of Object.entries(OPERATIONS) as [IntercomOperation, [string, string]][]) {
    const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`The spec has no JSON request body for ${operation}`);
    // Only the components travel with the root schema, so `#/components/...` refs resolve.
    validators.set(operation, ajv.compile({ ...(schema as object), components: doc.components }));
  }
  return validators;
}

/**
 * Ajv understands OpenAPI's `nullable` only beside a `type`; the spec also puts it beside a
 * bare `oneOf` (search values). Dropping it there only makes validation stricter (we never
 * send null), it never lets a wrong body through.
 */
function dropUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropUntypedNullable(item);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if ('nullable' in record && !('type' in record)) delete record.nullable;
    for (const value of Object.values(record)) dropUntypedNullable(value);
  }
}

/** The spec's complaints about a request body, or `[]` when it is valid. */
export function specErrors(operation: IntercomOperation, body: unknown): string[] {
  const validate = load().get(operation) as ValidateFunction;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** A billing conversation with markup typed by the user, a full user and a page. */
export function billingContext(overrides: Partial<EscalationContext> = {}): EscalationContext {
  return {
    conversationId: 'conv_123',
    messages: [
      { role: 'user', content: 'How do I export my invoices as CSV? The <b>Export</b> button is greyed out.', createdAt: '2026-11-24T09:30:00.000Z' },
      { role: 'assistant', content: 'Go to Billing → Invoices and click Export.', createdAt: '2026-11-24T09:30:05.000Z' },
      { role: 'user', content: 'It is still greyed out & I need them today.', createdAt: '2026-11-24T09:31:00.000Z' },
    ],
    user: { id: 'u_42', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', role: 'admin' },
    page: { url: 'https://app.example.com/billing?tab=invoices', title: 'Billing' },
    reason: 'billing',
    ...overrides,
  };
}

let responseValidators: Map<string, ValidateFunction> | undefined;

/** The spec's complaints about an answer body, by component schema (`conversation_list`, `ticket_list`), or `[]`. */
export function responseErrors(schema: 'conversation_list' | 'ticket_list', body: unknown): string[] {
  responseValidators ??= new Map();
  let validate = responseValidators.get(schema);
  if (!validate) {
    const doc = structuredClone(readSpec());
    dropUntypedNullable(doc.components);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // The spec's own format name for Unix times: integers, which `type` checks already.
    ajv.addFormat('timestamp', true);
    validate = ajv.compile({ $ref: `#/components/schemas/${schema}`, components: doc.components });
    responseValidators.set(schema, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
