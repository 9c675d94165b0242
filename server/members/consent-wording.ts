// The words a member reads beside each consent switch, versioned: every consent row keeps the version it was
// given under, so a later change of wording never rewrites what someone agreed to. Change a text, change the version.

import type { ConsentChannel, ConsentPurpose } from '../db/database.ts';
import type { Lang } from '../errors.ts';

export const CONSENT_WORDING = {
  version: '2026-12-id1',
  purposes: {
    service: {
      id: 'Pemberitahuan layanan: batas pengembalian, pesanan buku, dan tanggapan atas masukan Anda.',
      en: 'Service notices: due dates, reserved books, and replies to your feedback.',
    },
    news: {
      id: 'Berita dan acara perpustakaan: koleksi baru, kegiatan, dan undangan.',
      en: "The library's news and events: new arrivals, activities and invitations.",
    },
    recommendations: {
      id: 'Rekomendasi pribadi: bacaan yang dipilih dari minat dan pinjaman Anda.',
      en: 'Personal recommendations: reading chosen from your interests and loans.',
    },
  },
  channels: {
    email: { id: 'E-mail', en: 'E-mail' },
    whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
    sms: { id: 'SMS', en: 'SMS' },
    letter: { id: 'Surat', en: 'Letter' },
  },
} as const satisfies {
  version: string;
  purposes: Record<ConsentPurpose, Record<Lang, string>>;
  channels: Record<ConsentChannel, Record<Lang, string>>;
};

/** The version a withdrawal through a notice's unsubscribe link is recorded with: the member read that page, not the switches. */
export const UNSUBSCRIBE_WORDING_VERSION = 'unsubscribe-page';

/** The wording in one language, as the member's widget shows it. */
export function consentWording(lang: Lang) {
  const pick = <K extends string>(texts: Record<K, Record<Lang, string>>) =>
    Object.fromEntries(Object.entries<Record<Lang, string>>(texts).map(([code, t]) => [code, t[lang]])) as Record<
      K,
      string
    >;
  return {
    version: CONSENT_WORDING.version,
    purposes: pick(CONSENT_WORDING.purposes),
    channels: pick(CONSENT_WORDING.channels),
  };
}
