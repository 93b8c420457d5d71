// The Intercom Messenger click app's page (see ./page.ts).
import { boot } from './page';

void boot((pillar) => import('./escalation-intercom').then((escalation) => escalation.connect(pillar)));
