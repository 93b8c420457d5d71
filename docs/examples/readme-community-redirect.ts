// The sample in packages/community-redirect/README.md (compiled by the type check; check:docs keeps them equal).
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';

export const askTheCommunity = communityRedirect({
  target: discourse({ baseUrl: 'https://forum.example.com', category: 'support' }),
});
