/** One step from a value to one of its parts: an object key or an array index. */
export type PathStep = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `payload.ticket.tags[2]`: how a failure message names the value it is about. */
export function formatPath(root: string, steps: readonly PathStep[]): string {
  let out = root;
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (IDENTIFIER.test(step)) out += `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

/**
 * The declared-field form of a concrete path, as `AdapterLimits.fields` and the HTML options
 * write it: keys joined by dots, each array level as `[]` (`ticket.custom_fields[].value`).
 * The payload itself is the empty pattern `''`.
 */
export function patternOf(steps: readonly PathStep[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += '[]';
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}

/** A value found under a declared field pattern, with the concrete path it was found at. */
export interface FoundValue {
  steps: PathStep[];
  value: unknown;
}

interface Segment {
  key: string;
  arrays: number;
}

function segmentsOfSteps(steps: readonly PathStep[]): Segment[] {
  const segments: Segment[] = [];
  for (const step of steps) {
    const last = segments[segments.length - 1];
    if (typeof step === 'string') segments.push({ key: step, arrays: 0 });
    else if (last) last.arrays += 1;
    else segments.push({ key: '', arrays: 1 });
  }
  return segments;
}

function segmentsOfPattern(pattern: string): Segment[] {
  if (pattern === '') return [];
  return pattern.split('.').map((segment) => {
    const match = /^(.*?)((?:\[\])*)$/.exec(segment);
    return { key: match?.[1] ?? segment, arrays: (match?.[2]?.length ?? 0) / 2 };
  });
}

/** Whether a concrete path matches a declared pattern (`*` stands for any one key). */
export function matchesPattern(steps: readonly PathStep[], pattern: string): boolean {
  const actual = segmentsOfSteps(steps);
  const declared = segmentsOfPattern(pattern);
  return (
    actual.length === declared.length &&
    declared.every((d, i) => {
      const a = actual[i];
      return a !== undefined && a.arrays === d.arrays && (d.key === a.key || (d.key === '*' && a.key !== ''));
    })
  );
}

/**
 * Every value a declared pattern (`ticket.comment.body`, `tags[]`, `custom_fields[].value`,
 * `metadata.*` for every key of an object, `[]` for the items of a payload that is an array,
 * `''` for the payload itself) points at.
 * Missing keys and non-array values under `[]` simply match nothing.
 */
export function valuesAtPattern(root: unknown, pattern: string): FoundValue[] {
  let current: FoundValue[] = [{ steps: [], value: root }];
  if (pattern === '') return current;
  for (const { key, arrays: depth } of segmentsOfPattern(pattern)) {
    const next: FoundValue[] = [];
    for (const found of current) {
      let level: FoundValue[] = [found];
      if (key !== '') {
        const { value } = found;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        const record = value as Record<string, unknown>;
        const keys = key === '*' ? Object.keys(record) : Object.hasOwn(record, key) ? [key] : [];
        level = keys.map((k) => ({ steps: [...found.steps, k], value: record[k] }));
      }
      for (let d = 0; d < depth; d += 1) {
        const items: FoundValue[] = [];
        for (const item of level) {
          if (!Array.isArray(item.value)) continue;
          item.value.forEach((v, i) => items.push({ steps: [...item.steps, i], value: v }));
        }
        level = items;
      }
      next.push(...level);
    }
    current = next;
  }
  return current;
}

/** Calls `visit` for every string in a JSON-like value, with its path and the key that holds it. */
export function forEachString(
  value: unknown,
  visit: (text: string, steps: readonly PathStep[], key: PathStep | undefined) => void,
  steps: PathStep[] = [],
  seen: Set<object> = new Set(),
): void {
  if (typeof value === 'string') {
    visit(value, steps, steps[steps.length - 1]);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachString(item, visit, [...steps, i], seen));
  } else {
    for (const key of Object.keys(value)) {
      forEachString((value as Record<string, unknown>)[key], visit, [...steps, key], seen);
    }
  }
  seen.delete(value);
}
