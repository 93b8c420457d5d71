// main.ts: `pnpm start`. Without Zendesk credentials, tickets go to a local fake Zendesk.
import { fileURLToPath } from 'node:url';
import { startFakeZendesk } from './fake-zendesk';
import { startServer } from './server';

const env = process.env;
const real = env.ZENDESK_SUBDOMAIN && env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN;
const fake = real ? undefined : await startFakeZendesk();

const app = await startServer({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  zendesk: real
    ? { subdomain: env.ZENDESK_SUBDOMAIN!, auth: { email: env.ZENDESK_EMAIL!, apiToken: env.ZENDESK_API_TOKEN! } }
    : { subdomain: 'acme', auth: { email: 'agent@example.com', apiToken: 'dev-token' }, baseUrl: fake!.baseUrl },
  pillar: { productKey: env.PILLAR_PRODUCT_KEY ?? 'your-product-key', ...(env.PILLAR_API_BASE_URL ? { apiBaseUrl: env.PILLAR_API_BASE_URL } : {}) },
  port: Number(env.PORT ?? 3000),
});

console.log(`Starter running at ${app.url}`);
console.log(real ? `  tickets go to ${env.ZENDESK_SUBDOMAIN}.zendesk.com` : `  tickets go to a local fake Zendesk at ${fake!.baseUrl} (set ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN for yours)`);

const stop = () => void Promise.all([app.close(), fake?.close()]).finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
