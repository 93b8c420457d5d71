import { acmeDesk } from './testing-adapters-1'; // in your package: from '../src'
import { describeAdapterConformance } from '@pillar/escalation-testkit';

describeAdapterConformance('acme-ticket', () => acmeDesk({ subdomain: 'test', token: 'test-token' }), {
  htmlFields: ['html_body'],
  textFields: ['subject', 'requester.*', 'custom_fields.*', 'tags[]'],
});
