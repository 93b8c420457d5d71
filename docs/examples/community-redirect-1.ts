import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';

// A new topic in the forum's Support category, with the question as title and the transcript as body.
export const askTheCommunity = communityRedirect({
  target: discourse({ baseUrl: 'https://forum.example.com', category: 'support', tags: ['billing'] }),
});
