export * from './community-redirect';
export * from './target';
export * from './targets/discourse';
export * from './targets/github-discussions';
export * from './targets/github-issues';
export * from './targets/slack';
export * from './targets/discord';
export * from './targets/url-template';
