import { invalidContext, isArray, isPlainObject, joinIndex, joinKey, overLimit, ownKeys } from './issue';
import type { ContextLimits } from './limits';

interface Frame {
  value: object;
  /** The input itself is level 1. */
  depth: number;
  parent: Frame | undefined;
  key: string | number;
}

function isContainer(value: unknown): value is object {
  return isArray(value) || isPlainObject(value);
}

function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) keys.push(f.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    path = typeof key === 'number' ? joinIndex(path, key) : joinKey(path, key);
  }
  return path;
}

/**
 * Walks the raw input with an explicit stack (never recursion, so a 100,000-level array cannot
 * overflow the call stack) and rejects containers nested deeper than `maxDepth` and arrays longer
 * than `maxMessages`, before anything else reads the input. It stops at the first level too deep,
 * so its work is bounded by the input's size up to that level; a shared object is walked again only
 * when reached at a deeper level, so a graph of shared references cannot make it explode.
 * Values that are neither arrays nor plain objects are leaves here; the parser judges them.
 */
export function checkDepth(input: unknown, limits: ContextLimits): void {
  if (!isContainer(input)) return;
  const { maxDepth, maxMessages } = limits;
  const deepestSeen = new Map<object, number>();
  const stack: Frame[] = [{ value: input, depth: 1, parent: undefined, key: '' }];

  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    const seenAt = deepestSeen.get(value);
    if (seenAt !== undefined && seenAt >= depth) continue;
    deepestSeen.set(value, depth);
    // Most values are strings and numbers: only objects can be containers.
    if (isArray(value)) {
      if (value.length > maxMessages) {
        throw overLimit(pathOf(frame), 'maxMessages', maxMessages, `has ${value.length} items`);
      }
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (typeof child === 'object' && child !== null && isContainer(child)) stack.push(childFrame(frame, i, child, maxDepth));
      }
    } else {
      const object = value as Record<string, unknown>;
      const keys = ownKeys(object);
      for (let i = 0; i < keys.length; i++) {
        const child = object[keys[i]!];
        if (typeof child === 'object' && child !== null && isContainer(child)) stack.push(childFrame(frame, keys[i]!, child, maxDepth));
      }
    }
  }
}

/** The frame of a container inside `parent`; past `maxDepth`, the error (a cycle, or too deep). */
function childFrame(parent: Frame, key: string | number, child: object, maxDepth: number): Frame {
  const frame: Frame = { value: child, depth: parent.depth + 1, parent, key };
  if (frame.depth > maxDepth) {
    const path = pathOf(frame);
    for (let f: Frame | undefined = parent; f !== undefined; f = f.parent) {
      if (f.value === child) {
        throw invalidContext({ path, reason: 'circular' }, 'refers back to an object that contains it (circular structure)');
      }
    }
    throw overLimit(path, 'maxDepth', maxDepth, `is nested ${frame.depth} levels deep`);
  }
  return frame;
}
