/**
 * Puts `value` on `target` (the global object by default) under `name`, for recording fakes of
 * provider globals (`window.zE`, `window.FreshworksWidget`, `window.Calendly`). Returns a
 * function that restores what was there before (or removes the property if there was nothing);
 * calling it twice does nothing more. Restore in `afterEach` so tests never share a fake.
 *
 * @throws `Error` when `target[name]` exists and can be neither redefined nor assigned.
 */
export function installGlobal(name: string, value: unknown, target: object = globalThis): () => void {
  const previous = Object.getOwnPropertyDescriptor(target, name);
  const record = target as Record<string, unknown>;
  let restore: () => void;
  if (!previous || previous.configurable) {
    Object.defineProperty(target, name, { value, configurable: true, enumerable: true, writable: true });
    restore = previous
      ? () => Object.defineProperty(target, name, previous)
      : () => {
          delete record[name];
        };
  } else if (previous.writable) {
    // A non-configurable but writable property (some window members): assign and assign back.
    record[name] = value;
    restore = () => {
      record[name] = previous.value;
    };
  } else {
    throw new Error(`installGlobal: ${name} is neither configurable nor writable on this object and cannot be faked`);
  }
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    restore();
  };
}
