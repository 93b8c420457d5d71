import { communityRedirect, githubDiscussions, githubIssues } from '@pillar/escalation-community-redirect';

// Questions go to Discussions; bugs go to Issues, into the form field "what-happened" of bug.yml.
export const askOnGitHub = communityRedirect({
  target: githubDiscussions({ repo: 'acme/widgets', category: 'q-a' }),
});

export const reportABug = communityRedirect({
  target: githubIssues({ repo: 'acme/widgets', labels: ['from-copilot'], template: 'bug.yml', bodyField: 'what-happened' }),
  maxUrlLength: 8000, // GitHub answers 414 past about 8,000 characters
});
