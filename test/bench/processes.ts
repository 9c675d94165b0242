// Child processes and clean-up for the bench: every child is started here, in its own process group,
// and every clean-up step (children, the throwaway database) runs once, on success, failure or Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';

type Step = () => Promise<void> | void;

const steps: Step[] = [];
const children = new Set<ChildProcess>();

/** Registers a clean-up step; steps run last-in, first-out. */
export function onCleanup(step: Step): void {
  steps.push(step);
}

export async function cleanup(): Promise<void> {
  while (steps.length > 0) {
    const step = steps.pop()!;
    try {
      await step();
    } catch (error) {
      console.error('[bench] clean-up step failed:', error);
    }
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Last resort if the bench dies without running its clean-up: no child outlives it.
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

export interface Child {
  process: ChildProcess;
  /** The last lines the child printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` (what `tsx <script>` runs) on loopback, with its own process group. */
export function startTsx(name: string, script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    children.delete(child);
  };
  onCleanup(stop);
  return { process: child, output: () => `--- ${name} output ---\n${tail.trim()}\n---`, stop };
}

/** Runs a command to completion (used for `npx vite build`), failing after `timeoutMs`. */
export function runCommand(command: string, args: string[], timeoutMs: number): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  children.add(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}

export { freePort } from '../helpers/ports.ts';

export async function waitUntilReady(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(`${url}: the server exited (${child.process.exitCode})\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s\n${child.output()}`);
}
