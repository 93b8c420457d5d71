import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import { COMMUNITY_REDIRECT_OPTIONS, communityRedirect, discourse, type CommunityRedirectOptions } from '../src';

describeOptionChecks<CommunityRedirectOptions>('communityRedirect', {
  factory: communityRedirect,
  declaration: COMMUNITY_REDIRECT_OPTIONS,
  valid: { target: discourse({ baseUrl: 'https://forum.example.com' }) },
  sources: [{ file: join(__dirname, '../src/community-redirect.ts'), interface: 'CommunityRedirectOptions' }],
});
