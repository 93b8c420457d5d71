// The sample in packages/intercom/README.md (compiled by the type check; check:docs keeps them equal).
import { intercomMessenger } from '@pillar/escalation-intercom';

// Browser: opens the Messenger with the conversation in the composer.
export const intercomChat = intercomMessenger({
  appId: 'abc12def', // Intercom → Settings → Installation → Web
  region: 'eu', // 'us' (default), 'eu' or 'au'
  attributes: { hide_default_launcher: true },
});
