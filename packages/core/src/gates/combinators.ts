import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { isPromiseLike, type Gate } from './gate';

function checkGates(gates: readonly unknown[], caller: string, emptyMeans: string): void {
  if (gates.length === 0) {
    throw new EscalationError('CONFIGURATION', `${caller}() needs at least one gate: with none it would ${emptyMeans}`);
  }
  gates.forEach((gate, i) => {
    if (typeof gate !== 'function') {
      throw new EscalationError('CONFIGURATION', `${caller}: argument ${i} is not a gate (got ${gate === null ? 'null' : typeof gate})`);
    }
  });
}

/**
 * Evaluates gates left to right until one answers `decisive`. Stays synchronous while the gates
 * are; once one answers with a promise, continues asynchronously. Later gates are not called.
 */
function firstDecisive(gates: readonly Gate[], decisive: boolean, context: EscalationContext, at: Date): boolean | Promise<boolean> {
  for (let i = 0; i < gates.length; i++) {
    const answer = gates[i]!(context, at);
    if (isPromiseLike<boolean>(answer)) {
      return Promise.resolve(answer).then((value) =>
        Boolean(value) === decisive ? decisive : firstDecisive(gates.slice(i + 1), decisive, context, at),
      );
    }
    if (Boolean(answer) === decisive) return decisive;
  }
  return !decisive;
}

/** Allows only when every gate allows; stops at the first that does not. */
export function allOf(...gates: Gate[]): Gate {
  checkGates(gates, 'allOf', 'allow everybody by accident');
  const list = [...gates];
  return (context, at) => firstDecisive(list, false, context, at);
}

/** Allows when any gate allows; stops at the first that does. */
export function anyOf(...gates: Gate[]): Gate {
  checkGates(gates, 'anyOf', 'allow nobody');
  const list = [...gates];
  return (context, at) => firstDecisive(list, true, context, at);
}

/** Allows exactly when `gate` does not, e.g. `not(businessHours(x))` for the after-hours option. */
export function not(gate: Gate): Gate {
  if (typeof gate !== 'function') {
    throw new EscalationError('CONFIGURATION', `not: expected a gate (got ${gate === null ? 'null' : typeof gate})`);
  }
  return (context, at) => {
    const answer = gate(context, at);
    return isPromiseLike<boolean>(answer) ? Promise.resolve(answer).then((value) => !value) : !answer;
  };
}
