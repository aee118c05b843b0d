// A private Docker engine for node tests, started inside the test sandbox by scripts/dockerd.sh
// (nsenter into the sandbox namespace, its own socket /run/<name>.sock) with the busybox image
// imported; the agent and DNS tests share it this way instead of each spelling it out.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOCKERD = path.resolve(import.meta.dirname, '../../scripts/dockerd.sh');

export class PrivateDockerd {
  constructor(readonly name: string) {}

  get socketPath(): string {
    return `/run/${this.name}.sock`;
  }

  private get env(): NodeJS.ProcessEnv {
    return { ...process.env, SHOAL_DOCKER_NAME: this.name };
  }

  /** Starts the engine and imports busybox; a clear error when dockerd cannot run here. */
  async start(): Promise<void> {
    try {
      await run('bash', [DOCKERD, 'start'], { env: this.env, timeout: 60_000 });
      await run('bash', [DOCKERD, 'import-busybox'], { env: this.env, timeout: 60_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`dockerd cannot run here (scripts/dockerd.sh start / import-busybox failed): ${e.stderr || e.message}`);
    }
  }

  async stop(): Promise<void> {
    await run('bash', [DOCKERD, 'stop'], { env: this.env, timeout: 60_000 }).catch(() => undefined);
  }
}
