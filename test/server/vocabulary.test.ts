// One set of words for a suggestion's kinds and statuses: the staff app, the public widgets (box and board)
// and the e-mail notices each keep theirs, and they must say the same thing in both languages.
import { describe, expect, it } from 'vitest';
import { KIND_LABELS, STATUS_LABELS } from '../../server/feedback/notices.ts';
import { feedbackKindLabel, feedbackStatusLabel } from '../../widgets/admin/view.ts';
import { translator } from '../../widgets/admin/i18n.ts';
import { KINDS, STATUSES, feedbackWords } from '../../widgets/shared/feedback.ts';

describe('the words for kinds and statuses', () => {
  for (const [index, lang] of (['id', 'en'] as const).entries()) {
    it(`are the same in the staff app, the widgets and the notices (${lang})`, () => {
      const t = translator(lang);
      const words = feedbackWords(lang);
      for (const status of STATUSES) {
        expect(feedbackStatusLabel(t, status), status).toBe(words.statuses[status]);
        expect(STATUS_LABELS[status][index], status).toBe(words.statuses[status]);
      }
      for (const kind of KINDS) {
        expect(feedbackKindLabel(t, kind), kind).toBe(words.kinds[kind]);
        expect(KIND_LABELS[kind][index], kind).toBe(words.kinds[kind]);
      }
    });
  }
});
