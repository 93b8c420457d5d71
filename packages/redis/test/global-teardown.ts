// Stops the redis-server global-setup.ts started (by its pid), and nothing else.
export default function globalTeardown(): void {
  const pid = Number(process.env.PILLAR_TEST_REDIS_PID);
  if (!Number.isSafeInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  delete process.env.PILLAR_TEST_REDIS_PID;
}
