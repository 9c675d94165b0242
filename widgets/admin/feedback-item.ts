// One feedback item for staff: what was written (always as text), who may be contacted, and the
// handling: status, category, assignee, publishing, replies, internal notes, merging duplicates,
// and the history of all of it. The reply form is reply-composer.ts; unsent work is kept by drafts.ts.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  FEEDBACK_STATUSES,
  mayWrite,
  type ApiResult,
  type FeedbackChange,
  type FeedbackEvent,
  type FeedbackItem,
  type FeedbackStatus,
  type FeedbackSummary,
  type StaffRef,
} from './api.ts';
import { keepDraft, readDraft } from './drafts.ts';
import { ReplyComposer, TEXT_MAX, type Visibility } from './reply-composer.ts';
import { formatRoute } from './routes.ts';
import { AdminView, feedbackKindLabel, feedbackStatusLabel } from './view.ts';

const CATEGORY_MAX = 60;

type Action = 'handling' | 'publish' | 'reply' | 'note' | 'merge-search' | 'merge';
/** `others`: the item found is the duplicate and merges into this one; `this`: the other way round. */
type MergeDirection = 'others' | 'this';

interface Handling {
  status: FeedbackStatus;
  category: string;
  assigned: string;
}

export class AdminFeedbackItem extends AdminView {
  static override properties = {
    ...AdminView.properties,
    itemId: { attribute: false },
    item: { state: true },
    error: { state: true },
    forbidden: { state: true },
    staff: { state: true },
    categories: { state: true },
    busy: { state: true },
    handling: { state: true },
    note: { state: true },
    mergeQuery: { state: true },
    mergeDirection: { state: true },
    candidates: { state: true },
    problems: { state: true },
    emailOn: { state: true },
  };

  declare itemId: number | null;
  declare item: FeedbackItem | null;
  declare error: string;
  declare forbidden: boolean;
  declare staff: StaffRef[];
  declare categories: string[];
  declare busy: Action | null;
  declare handling: Handling;
  declare note: string;
  declare mergeQuery: string;
  declare mergeDirection: MergeDirection;
  declare candidates: FeedbackSummary[] | null;
  /** A message per form (`reply`, `note`, `handling`, `merge`), from our checks or the server. */
  declare problems: Partial<Record<Action, string>>;
  /** Whether the sidecar sends e-mail; without CRM_SMTP_URL no reply or status change reaches anyone's inbox. */
  declare emailOn: boolean;

  constructor() {
    super();
    this.itemId = null;
    this.item = null;
    this.error = '';
    this.forbidden = false;
    this.emailOn = true;
    this.staff = [];
    this.categories = [];
    this.busy = null;
    this.handling = { status: 'new', category: '', assigned: '' };
    this.note = '';
    this.mergeQuery = '';
    this.mergeDirection = 'others';
    this.candidates = null;
    this.problems = {};
  }

  private readonly composer = new ReplyComposer(this, {
    input: () => this.saveDraft(),
    send: (text, visibility) => void this.sendReply(text, visibility),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadChoices();
  }

  /** A staff member with Membership read but not write privilege sees the item without the forms. */
  private get readOnly(): boolean {
    return !mayWrite(this.api?.token ?? null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('itemId')) {
      // This item's unsent reply and note, kept in the tab: a session that ran out, or a reload, loses no work.
      ({ reply: this.composer.text, note: this.note } = readDraft(this.itemId));
      void this.load();
    } else if (changed.has('note')) this.saveDraft();
  }

  private saveDraft(): void {
    keepDraft(this.itemId, { reply: this.composer.text, note: this.note });
  }

  /** A reply or note written but not sent: the app asks before leaving the item. */
  override get dirty(): boolean {
    return Boolean(this.composer.text.trim() || this.note.trim());
  }

  override discard(): void {
    this.composer.text = '';
    this.note = '';
    keepDraft(this.itemId, { reply: '', note: '' });
    this.requestUpdate();
  }

  private async load(): Promise<void> {
    if (!this.api || this.itemId === null) return;
    const id = this.itemId;
    this.item = null;
    this.error = '';
    this.forbidden = false;
    this.composer.visibility = 'public';
    this.candidates = null;
    this.mergeQuery = '';
    this.problems = {};
    const result = await this.api.getFeedback(id);
    if (id !== this.itemId) return;
    if (result.ok) {
      this.emailOn = result.data.email !== false;
      this.show(result.data.item);
    } else if (result.status !== 401) {
      this.error = this.errorMessage(result.error);
      this.forbidden = result.status === 403;
    }
  }

  private async loadChoices(): Promise<void> {
    if (!this.api) return;
    ({ staff: this.staff, categories: this.categories } = await this.api.feedbackChoices());
  }

  private show(item: FeedbackItem): void {
    this.item = item;
    this.handling = {
      status: item.status,
      category: item.category ?? '',
      assigned: item.assigned ? String(item.assigned.uid) : '',
    };
  }

  /** Runs one change against the server; on success shows the item it answers with. */
  private async act(
    action: Action,
    call: () => Promise<ApiResult<{ item: FeedbackItem }>>,
    done: string,
  ): Promise<boolean> {
    const id = this.itemId;
    this.busy = action;
    this.problems = { ...this.problems, [action]: undefined };
    const result = await call();
    this.busy = null;
    // The librarian moved on to another item meanwhile: this answer is not for the item now shown.
    if (id !== this.itemId) return false;
    if (!result.ok) {
      if (result.status !== 401) {
        this.problems = { ...this.problems, [action]: this.refusal(result.error) };
        this.announce(this.errorMessage(result.error), 'error');
      }
      return false;
    }
    this.show(result.data.item);
    this.announce(done);
    return true;
  }

  override render(): TemplateResult {
    const t = this.t;
    const item = this.item;
    return html`
      <div class="crumb"><button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'feedback' })}>← ${t('navFeedback')}</button></div>
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${item ? t('fbItemTitle', { code: item.code }) : t('fbItemLoading')}</h1>
          ${
            item
              ? html`<p class="muted fb-meta">
                <span class="kind">${feedbackKindLabel(this.lang, item.kind)}</span> ·
                <span class="badge fb-${item.status}" data-status-badge>${feedbackStatusLabel(this.lang, item.status)}</span> ·
                <span>${t('fbVotesN', { n: this.formatNumber(item.votes), count: item.votes })}</span> ·
                <span>${item.published ? t('fbOnBoard') : t('fbNotOnBoard')}</span> ·
                <time datetime=${item.createdAt}>${this.formatDate(item.createdAt)}</time>
              </p>`
              : nothing
          }
        </div>
      </div>
      ${
        this.error
          ? this.renderLoadFailure(this.error, this.forbidden, () => this.load())
          : item
            ? this.renderItem(item)
            : this.renderLoading()
      }
    `;
  }

  private renderItem(item: FeedbackItem): TemplateResult {
    const t = this.t;
    return html`
      ${
        item.mergedInto !== null
          ? html`<div class="notice warning" data-merged-into>
            ${t('fbMergedNotice')}
            <button class="btn sm" type="button" @click=${() => this.navigate({ view: 'feedback-item', id: item.mergedInto! })}>${t('fbOpenKept')}</button>
          </div>`
          : nothing
      }
      ${this.readOnly ? html`<div class="notice info" data-read-only>${this.t('fbReadOnly')}</div>` : nothing}
      <div class="fb-layout">
        <div class="fb-main">
          ${this.renderContent(item)} ${this.renderReply(item)} ${this.renderNotes(item)} ${this.renderTimeline(item)}
        </div>
        <div class="fb-side">
          ${this.renderHandling(item)} ${this.renderBoard(item)} ${item.mergedInto === null && !this.readOnly ? this.renderMerge(item) : nothing}
        </div>
      </div>
    `;
  }

  private renderContent(item: FeedbackItem): TemplateResult {
    const t = this.t;
    const contact = item.contact;
    return html`<section class="card" aria-labelledby="fb-content-title">
      <h2 id="fb-content-title">${t(item.kind === 'purchase' ? 'fbReason' : 'fbContent')}</h2>
      ${
        item.purchase
          ? html`<dl class="facts" data-purchase>
            <dt>${t('fbPurchaseTitle')}</dt><dd>${item.purchase.title}</dd>
            ${item.purchase.author ? html`<dt>${t('fbPurchaseAuthor')}</dt><dd>${item.purchase.author}</dd>` : nothing}
            ${item.purchase.isbn ? html`<dt>ISBN</dt><dd>${item.purchase.isbn}</dd>` : nothing}
          </dl>`
          : nothing
      }
      <p class="fb-text" data-text>${item.text}</p>
      <dl class="facts">
        <dt>${t('fbFrom')}</dt>
        <dd data-from>${item.memberId ? t('fbMember', { id: item.memberId }) : t('fbAnonymous')}</dd>
        ${item.category ? html`<dt>${t('fbCategory')}</dt><dd>${item.category}</dd>` : nothing}
        ${
          contact
            ? html`<dt>${t('fbContact')}</dt>
              <dd data-contact>
                ${contact.email ? html`<div><a href=${`mailto:${contact.email}`}>${contact.email}</a></div>` : nothing}
                ${contact.phone ? html`<div>+${contact.phone}</div>` : nothing}
                ${contact.consentAt ? html`<div class="small muted">${t('fbConsentAt', { date: this.formatDate(contact.consentAt) })}</div>` : nothing}
              </dd>`
            : nothing
        }
        ${
          item.merged.length
            ? html`<dt>${t('fbMergedFrom')}</dt>
              <dd>${item.merged.map((m, i) => html`${i ? ', ' : ''}<a href=${formatRoute({ view: 'feedback-item', id: m.id })} @click=${(e: Event) => this.go(e, m.id)}>${m.code}</a>`)}</dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  private renderReply(item: FeedbackItem): TemplateResult | typeof nothing {
    const t = this.t;
    if (this.readOnly && !item.publicReply) return nothing;
    return html`<section class="card" aria-labelledby="fb-reply-title">
      <h2 id="fb-reply-title">${t('fbReplyTitle')}</h2>
      ${
        item.publicReply
          ? html`<div class="public-reply" data-public-reply>
            <p class="label">${t('fbCurrentPublicReply')}</p>
            <p class="fb-text">${item.publicReply.text}</p>
            <p class="small muted"><time datetime=${item.publicReply.at}>${this.formatDate(item.publicReply.at)}</time></p>
          </div>`
          : nothing
      }
      ${
        this.readOnly
          ? nothing
          : this.composer.render({
              item,
              t,
              emailOn: this.emailOn,
              sending: this.busy === 'reply',
              problem: this.problems.reply,
            })
      }
    </section>`;
  }

  private renderNotes(item: FeedbackItem): TemplateResult {
    const t = this.t;
    const notes = item.events.filter((e) => e.type === 'note');
    const problem = this.problems.note;
    return html`<section class="card" aria-labelledby="fb-notes-title">
      <h2 id="fb-notes-title">${t('fbNotesTitle')}</h2>
      <p class="hint">${t('fbNotesHint')}</p>
      ${
        notes.length
          ? html`<ul class="texts notes" data-notes>
            ${notes.map((n) => html`<li>${n.text}<time datetime=${n.at}>${this.who(n)} · ${this.formatDate(n.at)}</time></li>`)}
          </ul>`
          : nothing
      }
      ${
        this.readOnly
          ? nothing
          : html`<form @submit=${this.addNote} novalidate>
        <div class="field">
          <label for="fb-note">${t('fbNoteText')}</label>
          <textarea id="fb-note" rows="3" maxlength=${TEXT_MAX} .value=${this.note} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'fb-note-error' : nothing}
            @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
          ${problem ? html`<p id="fb-note-error" class="error-text">${problem}</p>` : nothing}
        </div>
        <button class="btn" type="submit" aria-disabled=${this.busy === 'note' ? 'true' : 'false'}>${t('fbAddNote')}</button>
      </form>`
      }
    </section>`;
  }

  private renderTimeline(item: FeedbackItem): TemplateResult {
    const t = this.t;
    return html`<section class="card" aria-labelledby="fb-events-title">
      <h2 id="fb-events-title">${t('fbEventsTitle')}</h2>
      <ol class="timeline" data-events>
        ${item.events.map(
          (e) => html`<li data-event=${e.type}>
            <p><strong>${this.describe(e, item)}</strong></p>
            ${e.text && e.type !== 'created' ? html`<p class="fb-text">${e.text}</p>` : nothing}
            <p class="small muted">${this.who(e)} · <time datetime=${e.at}>${this.formatDate(e.at)}</time></p>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  private renderHandling(item: FeedbackItem): TemplateResult {
    const t = this.t;
    const h = this.handling;
    const history = item.events.filter((e) => e.type === 'created' || e.type === 'status');
    const assignedElsewhere =
      item.assigned && !this.staff.some((s) => s.uid === item.assigned!.uid) ? [item.assigned] : [];
    const problem = this.problems.handling;
    return html`<section class="card" aria-labelledby="fb-handling-title">
      <h2 id="fb-handling-title">${t('fbHandling')}</h2>
      <form @submit=${this.saveHandling} novalidate>
        <fieldset ?disabled=${this.readOnly}>
        <div class="field">
          <label for="fb-status">${t('colState')}</label>
          <select id="fb-status" @change=${(e: Event) => this.setHandling({ status: (e.target as HTMLSelectElement).value as FeedbackStatus })}>
            ${FEEDBACK_STATUSES.map((s) => html`<option value=${s} ?selected=${h.status === s}>${feedbackStatusLabel(this.lang, s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <p class="label" id="fb-history-title">${t('fbStatusHistory')}</p>
          <ol class="status-history" aria-labelledby="fb-history-title" data-status-history>
            ${history.map(
              (e) => html`<li>
                <span class="badge fb-${e.type === 'created' ? 'new' : e.to}">${e.type === 'created' ? feedbackStatusLabel(this.lang, 'new') : this.statusText(e.to)}</span>
                <span class="small">${this.who(e)} · <time datetime=${e.at}>${this.formatDate(e.at)}</time></span>
              </li>`,
            )}
          </ol>
        </div>
        <div class="field">
          <label for="fb-category-input">${t('fbCategory')}</label>
          <input id="fb-category-input" type="text" list="fb-category-list" maxlength=${CATEGORY_MAX} autocomplete="off" .value=${h.category}
            aria-describedby="fb-category-hint" @input=${(e: Event) => this.setHandling({ category: (e.target as HTMLInputElement).value })} />
          <datalist id="fb-category-list">${this.categories.map((c) => html`<option value=${c}></option>`)}</datalist>
          <p class="hint" id="fb-category-hint">${t('fbCategoryHint')}</p>
        </div>
        <div class="field">
          <label for="fb-assign">${t('fbAssigned')}</label>
          <select id="fb-assign" @change=${(e: Event) => this.setHandling({ assigned: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${h.assigned === ''}>${t('fbUnassigned')}</option>
            ${[...assignedElsewhere, ...this.staff].map((s) => html`<option value=${String(s.uid)} ?selected=${h.assigned === String(s.uid)}>${s.name}</option>`)}
          </select>
        </div>
        </fieldset>
        ${problem ? html`<p class="error-text" role="alert">${problem}</p>` : nothing}
        ${
          this.readOnly
            ? nothing
            : html`<button class="btn primary" type="submit" aria-disabled=${this.busy === 'handling' || !this.handlingChange() ? 'true' : 'false'}>${t('save')}</button>`
        }
      </form>
    </section>`;
  }

  private renderBoard(item: FeedbackItem): TemplateResult {
    const t = this.t;
    const merged = item.mergedInto !== null;
    return html`<section class="card" aria-labelledby="fb-board-title">
      <h2 id="fb-board-title">${t('fbBoardTitle')}</h2>
      <p class="small" data-board-state>${item.published ? t('fbBoardShown') : t('fbBoardHiddenState')}</p>
      ${this.problems.publish ? html`<p class="error-text" role="alert">${this.problems.publish}</p>` : nothing}
      ${
        this.readOnly || (merged && !item.published)
          ? nothing
          : html`<button class="btn" type="button" id="fb-publish" data-publish=${item.published ? 'hide' : 'publish'}
            aria-disabled=${this.busy === 'publish' ? 'true' : 'false'} @click=${this.togglePublished}>
            ${item.published ? t('fbHide') : t('fbPublish')}
          </button>`
      }
    </section>`;
  }

  private renderMerge(item: FeedbackItem): TemplateResult {
    const t = this.t;
    const problem = this.problems['merge-search'] ?? this.problems.merge;
    const found = this.candidates?.filter((c) => c.id !== item.id);
    return html`<section class="card" aria-labelledby="fb-merge-title">
      <h2 id="fb-merge-title" tabindex="-1">${t('fbMergeTitle')}</h2>
      <p class="hint">${t('fbMergeHint')}</p>
      <fieldset>
        <legend class="visually-hidden">${t('fbMergeDirection')}</legend>
        <label class="check"><input type="radio" name="fb-merge-direction" value="others" .checked=${this.mergeDirection === 'others'}
          @change=${() => (this.mergeDirection = 'others')} /> ${t('fbMergeOthers')}</label>
        <label class="check"><input type="radio" name="fb-merge-direction" value="this" .checked=${this.mergeDirection === 'this'}
          @change=${() => (this.mergeDirection = 'this')} /> ${t('fbMergeThis')}</label>
      </fieldset>
      <form class="merge-search" role="search" @submit=${this.findCandidates} novalidate>
        <label for="fb-merge-query">${t('fbMergeQuery')}</label>
        <div class="inline">
          <input id="fb-merge-query" type="search" .value=${this.mergeQuery} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'fb-merge-error' : nothing}
            @input=${(e: Event) => (this.mergeQuery = (e.target as HTMLInputElement).value)} />
          <button class="btn" type="submit" aria-disabled=${this.busy === 'merge-search' ? 'true' : 'false'}>${t('fbFind')}</button>
        </div>
        ${problem ? html`<p id="fb-merge-error" class="error-text">${problem}</p>` : nothing}
      </form>
      ${
        found
          ? found.length
            ? html`<ul class="candidates" data-candidates aria-label=${t('fbCandidates')}>
              ${found.map(
                (c) => html`<li>
                  <span><strong>${c.code}</strong> · ${feedbackKindLabel(this.lang, c.kind)} · ${feedbackStatusLabel(this.lang, c.status)}
                    <span class="small muted snippet">${c.purchase ? `${c.purchase.title} — ` : ''}${c.text}</span></span>
                  <button class="btn sm" type="button" data-merge=${c.id} aria-disabled=${this.busy === 'merge' ? 'true' : 'false'}
                    aria-label=${t('fbMergeWith', { code: c.code })} @click=${() => this.merge(item, c)}>${t('fbMergeAction')}</button>
                </li>`,
              )}
            </ul>`
            : html`<p class="muted small" role="status">${t('fbNoCandidates')}</p>`
          : nothing
      }
    </section>`;
  }

  private who(event: FeedbackEvent): string {
    if (event.staff) return event.staff.name;
    return this.t(event.type === 'created' ? 'fbSubmitter' : 'fbSystem');
  }

  private statusText(value: string | null): string {
    return value && (FEEDBACK_STATUSES as readonly string[]).includes(value)
      ? feedbackStatusLabel(this.lang, value as FeedbackStatus)
      : (value ?? '—');
  }

  private staffName(value: string | null): string {
    if (!value) return '';
    return this.staff.find((s) => String(s.uid) === value)?.name ?? value;
  }

  /** What happened, in words; the values come from the server and are shown as text. */
  private describe(e: FeedbackEvent, item: FeedbackItem): string {
    const t = this.t;
    const code = (value: string | null) =>
      item.merged.find((m) => String(m.id) === value || m.code === value)?.code ?? value ?? '';
    switch (e.type) {
      case 'created':
        return t('evCreated');
      case 'status':
        return t('evStatus', { from: this.statusText(e.from), to: this.statusText(e.to) });
      case 'reply_public':
        return t('evReplyPublic');
      case 'reply_private':
        return t('evReplyPrivate');
      case 'note':
        return t('evNote');
      case 'assign':
        return e.to ? t('evAssign', { name: this.staffName(e.to) }) : t('evUnassign');
      case 'category':
        return e.to ? t('evCategory', { category: e.to }) : t('evCategoryCleared');
      case 'publish':
        return t('evPublish');
      case 'hide':
        return t('evHide');
      case 'merged_into':
        return t('evMergedInto', { code: e.to && /^\d+$/.test(e.to) ? `#${e.to}` : (e.to ?? '') });
      case 'merged_from':
        return t('evMergedFrom', { code: code(e.from ?? e.to) });
      default:
        return String(e.type);
    }
  }

  private setHandling(change: Partial<Handling>): void {
    this.handling = { ...this.handling, ...change };
  }

  /** The fields of the handling form that differ from the item, as the PUT body. */
  private handlingChange(): FeedbackChange | null {
    const item = this.item;
    if (!item) return null;
    const h = this.handling;
    const change: FeedbackChange = {};
    if (h.status !== item.status) change.status = h.status;
    const category = h.category.trim() || null;
    if (category !== (item.category ?? null)) change.category = category;
    const assigned = h.assigned ? Number(h.assigned) : null;
    if (assigned !== (item.assigned?.uid ?? null)) change.assignedUid = assigned;
    return Object.keys(change).length ? change : null;
  }

  private async saveHandling(event: Event): Promise<void> {
    event.preventDefault();
    const change = this.handlingChange();
    if (!this.api || !this.item || !change || this.busy) return;
    const id = this.item.id;
    await this.act('handling', () => this.api!.updateFeedback(id, change), this.t('fbSaved'));
    if (change.category)
      this.categories = [...new Set([...this.categories, change.category])].sort((a, b) => a.localeCompare(b));
  }

  private async togglePublished(): Promise<void> {
    if (!this.api || !this.item || this.busy) return;
    const { id, published } = this.item;
    await this.act(
      'publish',
      () => this.api!.updateFeedback(id, { published: !published }),
      this.t(published ? 'fbHiddenMsg' : 'fbPublishedMsg'),
    );
  }

  private async sendReply(text: string, visibility: Visibility): Promise<void> {
    if (!this.api || !this.item || this.busy) return;
    if (!text) {
      this.problems = { ...this.problems, reply: this.t('fbTextRequired') };
      void this.focusId('fb-reply');
      return;
    }
    const { id } = this.item;
    const sent = await this.act(
      'reply',
      () => this.api!.replyToFeedback(id, text, visibility),
      this.t(
        visibility === 'public' ? 'fbRepliedPublic' : this.emailOn ? 'fbRepliedPrivate' : 'fbRepliedPrivateNoMail',
      ),
    );
    if (sent) this.composer.clear();
  }

  private async addNote(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || !this.item || this.busy) return;
    const text = this.note.trim();
    if (!text) {
      this.problems = { ...this.problems, note: this.t('fbTextRequired') };
      void this.focusId('fb-note');
      return;
    }
    const { id } = this.item;
    if (await this.act('note', () => this.api!.addFeedbackNote(id, text), this.t('fbNoteAdded'))) this.note = '';
  }

  /** A number is an item id; anything else (a tracking code in either form, words) is searched for. */
  private async findCandidates(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || !this.item || this.busy) return;
    const query = this.mergeQuery.trim();
    this.problems = { ...this.problems, 'merge-search': undefined, merge: undefined };
    if (!query) {
      this.problems = { ...this.problems, 'merge-search': this.t('fbMergeQueryRequired') };
      return;
    }
    this.busy = 'merge-search';
    if (/^\d+$/.test(query)) {
      const result = await this.api.getFeedback(Number(query));
      this.busy = null;
      if (result.ok) this.candidates = result.data.item.mergedInto === null ? [result.data.item] : [];
      else if (result.status === 404) this.candidates = [];
      else if (result.status !== 401)
        this.problems = { ...this.problems, 'merge-search': this.errorMessage(result.error) };
      return;
    }
    const result = await this.api.listFeedback({ q: query, pageSize: 10 });
    this.busy = null;
    if (result.ok) this.candidates = result.data.items;
    else if (result.status !== 401)
      this.problems = { ...this.problems, 'merge-search': this.errorMessage(result.error) };
  }

  private async merge(item: FeedbackItem, other: FeedbackSummary): Promise<void> {
    if (!this.api || this.busy) return;
    const t = this.t;
    const [duplicate, kept] = this.mergeDirection === 'others' ? [other, item] : [item, other];
    const confirmed = await this.ask({
      title: t('fbMergeConfirmTitle'),
      body: t('fbMergeConfirmBody', { duplicate: duplicate.code, kept: kept.code }),
      confirmLabel: t('fbMergeAction'),
      danger: true,
    });
    if (!confirmed) return;
    this.busy = 'merge';
    const result = await this.api.mergeFeedback(duplicate.id, kept.id);
    this.busy = null;
    if (item.id !== this.itemId) return;
    if (!result.ok) {
      if (result.status !== 401) {
        this.problems = { ...this.problems, merge: this.errorMessage(result.error) };
        this.announce(this.errorMessage(result.error), 'error');
      }
      return;
    }
    this.announce(t('fbMerged', { duplicate: duplicate.code, kept: kept.code }));
    this.candidates = null;
    this.mergeQuery = '';
    if (result.data.item.id === this.itemId) {
      this.show(result.data.item);
      void this.focusId('fb-merge-title');
    } else {
      this.navigate({ view: 'feedback-item', id: result.data.item.id });
    }
  }

  private go(event: Event, id: number): void {
    event.preventDefault();
    this.navigate({ view: 'feedback-item', id });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-feedback-item': AdminFeedbackItem;
  }
}
