import { zendeskRequest } from '@pillar/escalation-zendesk';

// Browser or server, no secret: the account must let anybody submit tickets.
export const anonymousRequest = zendeskRequest({ subdomain: 'acme' });
