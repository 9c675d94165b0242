// A sender process for the crash test: runs the outbox sender loop until it is killed.
// argv: <sqlite file | mysql url> <smtp url> <owner> <lease ms>
import { openDatabase } from '../../server/db/connection.ts';
import { createEmailChannel } from '../../server/outbox/email.ts';
import { createSender } from '../../server/outbox/sender.ts';

const [target = '', smtpUrl = '', owner = 'worker', leaseMs = '2000'] = process.argv.slice(2);
const handle = await openDatabase(
  target.startsWith('mysql:') ? { url: target, connections: 2 } : { url: null, sqliteFile: target },
);
const email = createEmailChannel({ smtpUrl, from: 'Perpustakaan <layanan@perpustakaan.test>' });
const sender = createSender({
  db: handle.db,
  transport: email.send,
  owner,
  batch: 5,
  leaseMs: Number(leaseMs),
  log: (line) => console.error(line),
});
sender.start(20);
console.log('ready');
