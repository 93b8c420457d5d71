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
