/**
 * `@pillar/escalation-core/reflect`: the Reflect metadata API that tsyringe checks for when it
 * is imported. Core imports this before tsyringe, so an app needs no polyfill of its own, in a
 * browser, in Node (CJS and ESM) and in server rendering.
 *
 * It installs nothing when the app already loaded a polyfill (`reflect-metadata`,
 * `@abraham/reflection`). An app that loads one later replaces it without harm: tsyringe copies
 * the injection tokens of a class when the class is decorated, and reflect-metadata 0.2 keeps
 * what was stored here readable through its fallback provider.
 *
 * A hand-made shim rather than a dependency because the small well-kept polyfill
 * (`@abraham/reflection`) always overwrites an existing one, which would hide metadata an app's
 * other libraries stored with `reflect-metadata`, and `reflect-metadata` itself costs 4.6 KB gzip.
 *
 * @packageDocumentation
 */

type MetadataMap = Map<unknown, unknown>;

const store = new WeakMap<object, Map<PropertyKey | undefined, MetadataMap>>();

function metadataOf(target: object, property: PropertyKey | undefined, create: boolean): MetadataMap | undefined {
  let byProperty = store.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    byProperty = new Map();
    store.set(target, byProperty);
  }
  let map = byProperty.get(property);
  if (!map && create) {
    map = new Map();
    byProperty.set(property, map);
  }
  return map;
}

function getOwnMetadata(key: unknown, target: object, property?: PropertyKey): unknown {
  return metadataOf(target, property, false)?.get(key);
}

function hasOwnMetadata(key: unknown, target: object, property?: PropertyKey): boolean {
  return metadataOf(target, property, false)?.has(key) ?? false;
}

function getMetadata(key: unknown, target: object, property?: PropertyKey): unknown {
  for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    if (hasOwnMetadata(key, at, property)) return getOwnMetadata(key, at, property);
  }
  return undefined;
}

function defineMetadata(key: unknown, value: unknown, target: object, property?: PropertyKey): void {
  metadataOf(target, property, true)!.set(key, value);
}

function getOwnMetadataKeys(target: object, property?: PropertyKey): unknown[] {
  return [...(metadataOf(target, property, false)?.keys() ?? [])];
}

function deleteMetadata(key: unknown, target: object, property?: PropertyKey): boolean {
  return metadataOf(target, property, false)?.delete(key) ?? false;
}

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect['getMetadata'] !== 'function') {
  Object.assign(reflect, {
    getMetadata,
    getOwnMetadata,
    hasMetadata: (key: unknown, target: object, property?: PropertyKey) => getMetadata(key, target, property) !== undefined,
    hasOwnMetadata,
    defineMetadata,
    getOwnMetadataKeys,
    deleteMetadata,
    metadata: (key: unknown, value: unknown) => (target: object, property?: PropertyKey) => defineMetadata(key, value, target, property),
  });
}

export {};
