import { intercomMessenger } from '@pillar/escalation-intercom';

// Browser. Your server rendered the signed-in user's Intercom identity into the page (see
// "Identity verification"): the secret that made it never reaches the browser.
declare const session: { userId: string; intercomUserHash: string };

export const intercomChat = intercomMessenger({
  appId: 'abc12def', // Intercom → Settings → Installation → Web: your workspace (app) id
  region: 'eu', // where your workspace is hosted: 'us' (default), 'eu' or 'au'
  // Only for the user the hash was made for; anyone else boots without identity.
  identity: (context) => (context.user?.id === session.userId ? { userHash: session.intercomUserHash } : undefined),
  attributes: { hide_default_launcher: true }, // extra boot settings or custom attributes
});
