import 'reflect-metadata';
import { startDemo, type RunningDemo } from './demo';

const explicitPort = process.env.PORT?.trim();
const port = explicitPort ? Number(explicitPort) : 5173;
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(explicitPort)}`);
  process.exit(1);
}

let demo: RunningDemo;
try {
  demo = await startDemo({ port });
} catch (error) {
  // 5173 taken and no PORT asked for: any free port will do.
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && !explicitPort) {
    demo = await startDemo({ port: 0 });
  } else {
    console.error(`The demo could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

console.log(`Demo running at ${demo.url}  (ready ${Math.round(process.uptime() * 1000)} ms after the process started)`);
console.log(`  inbox: ${demo.url}/inbox  (${demo.inbox.file})`);
for (const mode of demo.modes) {
  console.log(`  “${mode.label}” delivers to ${mode.target}`);
  if (mode.warning) console.log(`    warning: ${mode.warning}`);
}
for (const hook of demo.webhooks) {
  console.log(
    `  webhooks: ${demo.url}/api/escalation/webhooks/${hook.provider}  (${hook.source === 'env' ? `secret from ${hook.variable}` : `the demo's own secret, for the inbox's agent console; set ${hook.variable} for real ones`})`,
  );
}
console.log('  Talk to Support, Schedule a call and Ask the community run in the browser; see docs/demo.md. Ctrl+C stops.');

const stop = () => {
  demo.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
