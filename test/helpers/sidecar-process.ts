// The real sidecar as a library runs it (`npm start`'s server/index.ts in its own process, configured only by
// its environment), for the tests inside a real SLiMS: start it, stop it, or hang it (SIGSTOP: connections are
// still accepted by the kernel, nothing answers) to see what SLiMS does meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

export { freePort };

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

/** The environment a test process hands down, without anything that would configure a sidecar by accident. */
function cleanEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('CRM_') && name !== 'PORT' && name !== 'HOST') env[name] = value;
  }
  return env;
}

/** Runs one of the sidecar's commands (server/cli/<name>.ts) as `npm run <name>` would, from a folder without a .env. */
export async function runCli(
  name: 'migrate' | 'doctor' | 'seed',
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), `crm-${name}-`));
  try {
    return await new Promise((done, fail) => {
      const child = spawn(TSX, [join(REPO, 'server', 'cli', `${name}.ts`)], {
        cwd,
        env: { ...cleanEnvironment(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', fail);
      child.once('close', (code) => done({ code: code ?? 1, output }));
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export interface SidecarProcess {
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Waits until it printed a line matching `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Freezes the process: it accepts connections and answers none, like a hung server. */
  hang(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** Starts server/index.ts with `env` (and a data folder of its own) on `port`, and waits until it listens. */
export async function startSidecar(
  env: Record<string, string>,
  port: number,
  { startTimeoutMs = 30_000 } = {},
): Promise<SidecarProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'crm-sidecar-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(TSX, [join(REPO, 'server', 'index.ts')], {
    cwd,
    env: { ...cleanEnvironment(), CRM_DATA_DIR: join(cwd, 'data'), CRM_PUBLIC_URL: url, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the server in a child node process, and a signal must reach both.
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const orphan = () => signal('SIGKILL');
  process.once('exit', orphan);
  let output = '';
  const waiters = new Set<() => void>();
  const hear = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', hear);
  child.stderr?.on('data', hear);
  let exited = false;
  child.once('exit', () => {
    exited = true;
    for (const waiter of waiters) waiter();
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (pattern.test(output)) finish(done);
        else if (exited) finish(() => fail(new Error(`the sidecar exited before printing ${pattern}:\n${output}`)));
      };
      const timer = setTimeout(
        () => finish(() => fail(new Error(`the sidecar did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
        timeoutMs,
      );
      const finish = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });

  const sidecar: SidecarProcess = {
    url,
    output: () => output,
    waitForOutput,
    hang: () => signal('SIGSTOP'),
    wake: () => signal('SIGCONT'),
    async stop() {
      if (!exited) {
        signal('SIGCONT');
        const gone = new Promise<void>((done) => child.once('exit', () => done()));
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      process.removeListener('exit', orphan);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  try {
    await waitForOutput(/is listening on port/, startTimeoutMs);
  } catch (error) {
    await sidecar.stop();
    throw error;
  }
  return sidecar;
}
