import { acmeDesk } from './testing-adapters-1';
import { contextFixture, FIXTURE_NAMES, payloadSnapshotSerializer, renderedPayload } from '@pillar/escalation-testkit';

expect.addSnapshotSerializer(payloadSnapshotSerializer);

it.each(FIXTURE_NAMES.filter((name) => name !== 'ten-thousand-messages' && name !== 'one-megabyte-message'))('payload for %s', (name) => {
  expect(renderedPayload(acmeDesk({ subdomain: 'test', token: 'test-token' }), contextFixture(name))).toMatchSnapshot();
});
