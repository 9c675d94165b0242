// Withdrawing consent from an e-mail notice: the link in every notice opens a page that asks once, then stops
// all notices to that address at once (watchers removed, queued notices dropped, the address erased from items)
// and withdraws the e-mail consents of the members that address belongs to (appended rows, source unsubscribe).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { html } from 'hono/html';
import type { AppDeps } from '../deps.ts';
import type { Lang } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { UNSUBSCRIBE_WORDING_VERSION } from '../members/consent-wording.ts';
import { CONSENT_PURPOSES } from '../members/codes.ts';
import { appendConsents, membersByEmail } from '../members/preferences.queries.ts';

const signature = (secret: string, email: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);

/** The link a notice carries, signed so that nobody can stop someone else's notices. */
export function unsubscribeUrl(publicUrl: string, secret: string, email: string, lang: Lang): string {
  const url = new URL(`${publicUrl}/notices/unsubscribe`);
  url.searchParams.set('email', email.trim().toLowerCase());
  url.searchParams.set('sig', signature(secret, email));
  url.searchParams.set('lang', lang);
  return url.href;
}

const words = {
  id: {
    title: 'Berhenti menerima pemberitahuan',
    ask: 'Berhenti mengirim pemberitahuan kotak saran ke alamat ini?',
    button: 'Ya, berhenti',
    done: 'Selesai. Kami tidak akan lagi mengirim pemberitahuan ke alamat ini, dan alamat ini sudah dihapus dari masukan Anda.',
    withdrawn:
      'Izin Anda menerima e-mail dari perpustakaan juga sudah dicabut; Anda dapat memberikannya lagi di profil anggota.',
    bad: 'Tautan ini tidak sah atau tidak lengkap. Salin seluruh tautan dari e-mail pemberitahuan.',
  },
  en: {
    title: 'Stop notices',
    ask: 'Stop sending suggestion-box notices to this address?',
    button: 'Yes, stop',
    done: 'Done. We will send no more notices to this address, and it has been erased from what you sent us.',
    withdrawn:
      'Your consent to e-mail from the library is withdrawn too; you can give it again in your member profile.',
    bad: 'This link is not valid or not complete. Copy the whole link from the notice e-mail.',
  },
} as const;

export function unsubscribeRoutes(deps: AppDeps) {
  const { db } = deps;

  const page = (lang: Lang, body: unknown, status: 200 | 400 = 200) => {
    const w = words[lang];
    return {
      status,
      body: html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${w.title}</title>
<style>body { max-width:560px; margin:0 auto; padding:40px 20px; font:16px/1.6 system-ui, sans-serif; color:#1f2a37; } button { font:inherit; padding:10px 18px; border:0; border-radius:8px; background:#0f5f4a; color:#fff; cursor:pointer; }</style>
</head>
<body><h1>${w.title}</h1>${body}</body>
</html>`,
    };
  };

  /** The address when the link is genuine, else null. */
  function verified(email: string | undefined, sig: string | undefined): string | null {
    if (!email || !sig || sig.length !== 32 || email.length > 254) return null;
    const expected = Buffer.from(signature(deps.secret.value, email));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected) ? email.trim().toLowerCase() : null;
  }

  return new Hono<AppEnv>()
    .get('/', (c) => {
      const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'id';
      const email = verified(c.req.query('email'), c.req.query('sig'));
      // A GET only asks: mail scanners open links, and must not withdraw anyone's consent by doing so.
      const { status, body } =
        email === null
          ? page(lang, html`<p>${words[lang].bad}</p>`, 400)
          : page(
              lang,
              html`<p>${words[lang].ask}</p><p><strong>${email}</strong></p><form method="post"><button type="submit">${words[lang].button}</button></form>`,
            );
      c.header('Cache-Control', 'no-store');
      return c.html(body, status);
    })
    .post('/', async (c) => {
      const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'id';
      const email = verified(c.req.query('email'), c.req.query('sig'));
      if (email === null) {
        const { status, body } = page(lang, html`<p>${words[lang].bad}</p>`, 400);
        return c.html(body, status);
      }
      const withdrawn = await db.transaction().execute(async (trx) => {
        // Compared in lower case: addresses may have been stored as typed, and SQLite compares case by case.
        await trx
          .deleteFrom('crm_feedback_watcher')
          .where(sql<string>`lower(email)`, '=', email)
          .execute();
        await trx
          .deleteFrom('crm_outbox')
          .where(sql<string>`lower(recipient)`, '=', email)
          .where('status', '=', 'pending')
          .where('dedupe_key', 'like', 'feedback-event:%')
          .execute();
        await trx
          .updateTable('crm_feedback')
          .set({ contact_email: null })
          .where(sql<string>`lower(contact_email)`, '=', email)
          .execute();
        // "Stop" means no more e-mail from the library for any purpose, at once: the same consent records
        // the member's own switches set, withdrawn by an appended row.
        let n = 0;
        for (const memberId of await membersByEmail(trx, email)) {
          n += await appendConsents(
            trx,
            memberId,
            CONSENT_PURPOSES.map((purpose) => ({ channel: 'email' as const, purpose, granted: false })),
            { source: 'unsubscribe', wordingVersion: UNSUBSCRIBE_WORDING_VERSION },
            deps.clock(),
          );
        }
        return n;
      });
      const done = html`<p>${words[lang].done}</p>${withdrawn > 0 ? html`<p>${words[lang].withdrawn}</p>` : ''}`;
      const { body } = page(lang, done);
      c.header('Cache-Control', 'no-store');
      return c.html(body);
    });
}
