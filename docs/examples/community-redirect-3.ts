import { communityRedirect, urlTemplate } from '@pillar/escalation-community-redirect';

// Any other forum or form: the scheme and host are fixed, each placeholder is encoded.
export const askElsewhere = communityRedirect({
  target: urlTemplate('https://support.example.com/ask?subject={title}&details={body}&ref={conversationId}'),
  format: 'text', // the form's textarea does not render markdown
  openIn: 'same-tab',
});
