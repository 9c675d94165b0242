// One set of words for a suggestion's kinds and statuses (server/feedback/words.ts): the e-mails, the measures'
// CSV, the staff app and the public widgets (box and board) must all say them, in both languages, as it writes them.
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../server/feedback/digest.ts';
import type { Measures } from '../../server/feedback/measures.ts';
import { measuresCsv } from '../../server/feedback/measures.ts';
import { renderNotice } from '../../server/feedback/notices.ts';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import { feedbackKindLabel, feedbackStatusLabel } from '../../widgets/admin/view.ts';
import { renderStatus } from '../../widgets/shared/feedback-items.ts';

const notice = (lang: 'id' | 'en', kind: (typeof FEEDBACK_KINDS)[number], status: (typeof FEEDBACK_STATUSES)[number]) =>
  renderNotice({
    lang,
    library: null,
    code: 'ABCDE23456',
    kind,
    body: 'Halo',
    unsubscribe: 'http://crm.test/notices/unsubscribe?x',
    event: { type: 'status', status },
  });

const zero = { count: 0, medianHours: null, meanHours: null, p90Hours: null };

describe('the words for kinds and statuses', () => {
  it('has a word for every kind and status in both languages, none said twice', () => {
    for (const lang of ['id', 'en'] as const) {
      const { kinds, statuses } = FEEDBACK_WORDS[lang];
      expect(Object.keys(kinds)).toEqual([...FEEDBACK_KINDS]);
      expect(Object.keys(statuses)).toEqual([...FEEDBACK_STATUSES]);
      for (const list of [Object.values(kinds), Object.values(statuses)]) {
        expect(
          list.every((word) => word.trim() !== ''),
          lang,
        ).toBe(true);
        expect(new Set(list).size, lang).toBe(list.length);
      }
    }
  });

  for (const lang of ['id', 'en'] as const) {
    const { kinds, statuses } = FEEDBACK_WORDS[lang];

    it(`are the ones the e-mails say (${lang})`, () => {
      for (const status of FEEDBACK_STATUSES) {
        const { subject, text } = notice(lang, 'praise', status);
        expect(subject.endsWith(`: ${statuses[status]}`), subject).toBe(true);
        expect(text).toContain(`: ${statuses[status]}.`);
      }
      for (const kind of FEEDBACK_KINDS) {
        const { subject } = notice(lang, kind, 'new');
        expect(subject.toLowerCase()).toContain(kinds[kind].toLowerCase());
        const digest = renderDigest(lang, {
          day: '2026-11-22',
          items: [{ code: 'ABCDE23456', kind, body: 'Halo', purchase_title: null }],
          open: 1,
          library: null,
          adminUrl: 'http://crm.test/admin',
        });
        expect(digest.text).toContain(`${kinds[kind]}: 1`);
        expect(digest.text).toContain(`[${kinds[kind]}]`);
      }
    });

    it(`are the ones the measures' CSV says (${lang})`, () => {
      const byKind = Object.fromEntries(FEEDBACK_KINDS.map((k, i) => [k, i + 1])) as Measures['byKind'];
      const csv = measuresCsv(
        {
          from: '2026-11-01',
          to: '2026-11-30',
          bucket: 'week',
          firstResponse: zero,
          close: zero,
          openByAge: [],
          volume: [],
          byKind,
        },
        lang,
      );
      for (const kind of FEEDBACK_KINDS) expect(csv).toContain(`${kinds[kind]},${byKind[kind]}`);
    });

    it(`are the ones the staff app and the widgets show (${lang})`, () => {
      for (const status of FEEDBACK_STATUSES) {
        expect(feedbackStatusLabel(lang, status)).toBe(statuses[status]);
        expect(renderStatus(status, lang).values).toContain(statuses[status]);
      }
      for (const kind of FEEDBACK_KINDS) expect(feedbackKindLabel(lang, kind)).toBe(kinds[kind]);
    });
  }
});
