// A real redis-server for the redis project: REDIS_URL when it is set (CI starts one), else
// one started here on a free loopback port and stopped by its pid in global-teardown.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL = 'apt-get install -y redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error(`The redis tests need a Redis server: redis-server is not installed. Install it with \`${INSTALL}\` (or set REDIS_URL to a running one).`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pillar-redis-'));
  const pidfile = join(dir, 'redis.pid');
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', pidfile, '--dir', dir, '--logfile', join(dir, 'redis.log')]);
  for (let i = 0; i < 100 && !(existsSync(pidfile) && (await reachable(port))); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!(await reachable(port))) throw new Error(`redis-server did not start on port ${port} (see ${join(dir, 'redis.log')})`);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.PILLAR_TEST_REDIS_PID = readFileSync(pidfile, 'utf8').trim();
}
