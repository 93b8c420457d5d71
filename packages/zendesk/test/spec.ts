import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The repository root (this file is packages/zendesk/test/spec.ts). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Zendesk's published OpenAPI document, vendored in specs/ (see specs/README.md). */
export const zendeskSpecPath = join(repoRoot, 'specs', 'zendesk-support-oas.yaml');

let cached: ValidateFunction | undefined;

/**
 * A validator for `components.schemas.TicketCreateRequest` of the spec, with its `$ref`s
 * resolved inside the document. OpenAPI 3.0 keywords (`nullable`, `example`, `readOnly`) are
 * understood or ignored; formats (`email`, `int64`, `date-time`) are checked.
 */
export function ticketCreateRequestValidator(): ValidateFunction {
  if (cached) return cached;
  const doc = parse(readFileSync(zendeskSpecPath, 'utf8')) as { components: Record<string, unknown> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Only the components travel with the root schema, so `#/components/...` refs resolve.
  cached = ajv.compile({ $ref: '#/components/schemas/TicketCreateRequest', components: doc.components });
  return cached;
}

/** Validation errors as short lines, for readable failures. */
export function schemaErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

interface SpecParameter {
  name?: string;
  in?: string;
  schema?: unknown;
  $ref?: string;
}

interface SpecDocument {
  paths: Record<string, Record<string, { parameters?: SpecParameter[] }>>;
  components: Record<string, Record<string, unknown>>;
}

let doc: SpecDocument | undefined;
function readDoc(): SpecDocument {
  return (doc ??= parse(readFileSync(zendeskSpecPath, 'utf8')) as SpecDocument);
}

let responseValidator: ValidateFunction | undefined;

/** A validator for `components.schemas.TicketsResponse` (the answer of `GET /api/v2/tickets`). */
export function ticketsResponseValidator(): ValidateFunction {
  if (responseValidator) return responseValidator;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  responseValidator = ajv.compile({ $ref: '#/components/schemas/TicketsResponse', components: readDoc().components });
  return responseValidator;
}

/**
 * What the spec says is wrong with the query of a `GET /api/v2/tickets` URL: a parameter the
 * operation does not declare, or a value its schema refuses. `[]` when the spec accepts it.
 */
export function listTicketsQueryErrors(href: string): string[] {
  const spec = readDoc();
  const declared = new Map<string, unknown>();
  for (const p of spec.paths['/api/v2/tickets']?.get?.parameters ?? []) {
    const param = p.$ref ? (spec.components.parameters?.[p.$ref.split('/').pop() as string] as SpecParameter | undefined) : p;
    if (param?.in === 'query' && param.name) declared.set(param.name, param.schema);
  }
  const ajv = new Ajv({ strict: false });
  const errors: string[] = [];
  for (const [name, value] of new URL(href).searchParams) {
    if (!declared.has(name)) {
      errors.push(`${name} is not a query parameter of GET /api/v2/tickets`);
      continue;
    }
    const schema = declared.get(name) as { type?: string } | undefined;
    const typed = schema?.type === 'integer' ? Number(value) : value;
    if (schema && !ajv.validate(schema, typed)) errors.push(`${name}=${value}: ${ajv.errorsText()}`);
  }
  return errors;
}
