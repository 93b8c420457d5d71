// tsyringe throws at import unless a Reflect metadata API exists: load core's own first. The
// package path (not './reflect') keeps it a separate module in the build, so bundlers and
// Node evaluate it before tsyringe in ESM too (imports are hoisted within one module).
import '@pillar/escalation-core/reflect';

export { container, inject, injectable, injectAll } from 'tsyringe';
