// The Zendesk Messenger click app's page (see ./page.ts).
import { boot } from './page';

void boot((pillar) => import('./escalation-zendesk').then((escalation) => escalation.connect(pillar)));
