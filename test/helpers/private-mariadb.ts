// A MariaDB server of a test's own (temp datadir, socket and free port), which the test may kill and start
// again; the shared server on 3306 is never touched. Needs the mariadbd and mariadb-install-db binaries.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from './ports.ts';

export interface MariadbBinaries {
  server: string;
  installDb: string;
}

function onPath(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : null;
}

/** The server and install-db binaries (Debian puts mariadbd in /usr/sbin, often off a user's PATH), or null. */
export function findMariadb(): MariadbBinaries | null {
  const server =
    ['mariadbd', 'mysqld'].map(onPath).find((p) => p !== null) ??
    ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));
  const installDb = onPath('mariadb-install-db') ?? onPath('mysql_install_db');
  return server && installDb ? { server, installDb } : null;
}

export interface PrivateMariadb {
  /** mysql://root@127.0.0.1:PORT/ (no database named). */
  readonly url: string;
  readonly port: number;
  /** SIGKILL, as a crash or an OOM kill would: no clean shutdown. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same datadir and port, and waits until it answers. */
  start(): Promise<void>;
  /** Kills the server (if running) and removes its temp folder. */
  dispose(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  try {
    const connection = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

export async function startPrivateMariadb(
  binaries: MariadbBinaries,
  { readyTimeoutMs = 60_000 } = {},
): Promise<PrivateMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-mariadb-'));
  const datadir = join(dir, 'data');
  const user = userInfo().username;
  const install = spawnSync(
    binaries.installDb,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      `--user=${user}`,
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed:\n${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${join(dir, 'mariadb.sock')}`,
    `--pid-file=${join(dir, 'mariadb.pid')}`,
    `--log-error=${join(dir, 'error.log')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    // Allowed to run as whoever runs the tests (root in CI containers).
    `--user=${user}`,
    '--skip-log-bin',
    '--innodb-buffer-pool-size=64M',
    '--max-connections=200',
  ];
  let child: ChildProcess | null = null;
  const orphan = () => child?.kill('SIGKILL');
  process.once('exit', orphan);

  const server: PrivateMariadb = {
    url: `mysql://root@127.0.0.1:${port}/`,
    port,
    async kill() {
      const running = child;
      child = null;
      if (running === null || running.exitCode !== null || running.signalCode !== null) return;
      const gone = new Promise<void>((done) => running.once('exit', () => done()));
      running.kill('SIGKILL');
      await gone;
    },
    async start() {
      if (child !== null) throw new Error('the private MariaDB is already running');
      const started = spawn(binaries.server, args, { stdio: 'ignore' });
      child = started;
      let exited = false;
      started.once('exit', () => (exited = true));
      const end = Date.now() + readyTimeoutMs;
      const errorLog = () =>
        existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '';
      while (!(await answers(port))) {
        if (exited) throw new Error(`mariadbd exited at start:\n${errorLog()}`);
        if (Date.now() > end)
          throw new Error(`mariadbd did not answer on port ${port} within ${readyTimeoutMs} ms:\n${errorLog()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async dispose() {
      await server.kill();
      process.removeListener('exit', orphan);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}
