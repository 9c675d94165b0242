// A feedback item's unsent reply and note, kept in the browser tab's storage: a session that ran out,
// or a reload, loses no work. Empty drafts are not kept.

export interface FeedbackDraft {
  reply: string;
  note: string;
}

const draftKey = (itemId: number) => `slims-crm:feedback-draft:${itemId}`;

/** The unsent reply and note of an item in this tab's storage; empty when there are none or storage is blocked. */
export function readDraft(itemId: number | null): FeedbackDraft {
  try {
    const saved =
      itemId === null
        ? null
        : (JSON.parse(sessionStorage.getItem(draftKey(itemId)) ?? 'null') as Partial<FeedbackDraft> | null);
    return {
      reply: typeof saved?.reply === 'string' ? saved.reply : '',
      note: typeof saved?.note === 'string' ? saved.note : '',
    };
  } catch {
    return { reply: '', note: '' };
  }
}

export function keepDraft(itemId: number | null, draft: FeedbackDraft): void {
  if (itemId === null) return;
  try {
    if (draft.reply.trim() || draft.note.trim()) sessionStorage.setItem(draftKey(itemId), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(itemId));
  } catch {
    // storage blocked or full: the draft lives as long as the view
  }
}
