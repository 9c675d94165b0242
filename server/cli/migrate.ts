// npm run migrate: applies pending crm_* migrations to the configured database.
import { openDatabase } from '../db/connection.ts';
import { applySlimsSubset, migrate } from '../db/migrate.ts';
import { checkSlimsDatabase, explainConnectionError } from '../db/preflight.ts';
import { loadConfig } from '../env.ts';
import { BilingualError } from '../errors.ts';

try {
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.databaseUrl === null) await applySlimsSubset(handle);
    else await checkSlimsDatabase(handle);
    const applied = await migrate(handle, (line) => console.log(line));
    console.log(
      applied.length === 0
        ? 'Tidak ada migrasi baru / No pending migrations.'
        : `${applied.length} migrasi diterapkan / migrations applied.`,
    );
  } catch (error) {
    throw (config.databaseUrl === null ? null : explainConnectionError(error, config.databaseUrl)) ?? error;
  } finally {
    await handle.close();
  }
} catch (error) {
  if (error instanceof BilingualError) console.error(`${error.id}\n${error.en}`);
  else console.error(error);
  process.exitCode = 1;
}
