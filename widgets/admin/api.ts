// The staff app's one seam to the network: a small client for /api/v1/staff that returns results
// instead of throwing, so every view handles success, API errors and a dead network the same way.
import type {
  Audience,
  FeedbackEventType,
  FeedbackKind,
  FeedbackStatus,
  PlacementPlace,
  PlacementWidget,
  QuestionType,
  ResultsVisibility,
  SurveyStatus,
} from '../../server/db/database.ts';
import type { ErrorShape, FieldProblem, Lang } from '../../server/errors.ts';
import type { StaffFeedbackPage } from '../../server/feedback/staff-feedback.routes.ts';
import type { PurchaseView } from '../../server/feedback/feedback.queries.ts';
import type {
  FeedbackEventView,
  StaffItem,
  StaffRef,
  StaffSummary,
} from '../../server/feedback/staff-feedback.queries.ts';
import type {
  MeasureBucket,
  MeasuresParams,
  StaffListParams,
  StaffSort,
  StaffUpdateBody,
} from '../../server/feedback/feedback.schemas.ts';
import type { AgeBucket, DurationStats, Measures } from '../../server/feedback/measures.ts';
import type { Placement } from '../../server/placements/placements.queries.ts';
import type { MemberPage, MemberProfile } from '../../server/members/staff-members.routes.ts';
import type { InteractionView, MemberSummary, StaffNote } from '../../server/members/staff-members.queries.ts';
import type { TimelineEntry } from '../../server/members/profile.ts';
import type {
  InteractionBody,
  MemberListParams,
  MemberTier,
  TimelineKind,
} from '../../server/members/staff-members.schemas.ts';
import type { InteractionChannel } from '../../server/db/database.ts';
import type {
  SavedSegment,
  SegmentCount,
  SegmentDefinition,
  SegmentList,
  SegmentMemberPage,
} from '../../server/segments/segments.routes.ts';
import type { MinorChoice, SegmentBody } from '../../server/segments/segments.schemas.ts';
import type { StaffSession } from '../../server/staff/staff.routes.ts';
import type { StaffResults, StaffSurveySummary, SurveyDetail } from '../../server/surveys/staff-surveys.routes.ts';
import type { SurveyDefinition, SurveyState } from '../../server/surveys/surveys.queries.ts';
import type { QuestionResult, Results } from '../../server/surveys/surveys.results.ts';
import type { SurveyBody } from '../../server/surveys/surveys.schemas.ts';
import type { TierSettings } from '../../server/tiers/score.ts';
import type { TierSettingsView, TierStatus } from '../../server/tiers/tiers.routes.ts';
import type { Question } from '../shared/contract.ts';

// The staff API's shapes, as the server defines them (type-only imports: no server code in the bundle).
export type {
  AgeBucket,
  Audience,
  FeedbackEventType,
  FeedbackKind,
  FeedbackStatus,
  FieldProblem,
  Lang,
  Measures,
  MeasureBucket,
  Question,
  QuestionResult,
  QuestionType,
  Results,
  ResultsVisibility,
  StaffRef,
  SurveyDetail,
};
export type Kind = SurveyDefinition['kind'];
export type Status = SurveyStatus;
export type State = SurveyState;
export type Session = StaffSession;
export type Staff = StaffSession['staff'];
export type SurveySummary = StaffSurveySummary;
export type ResultsResponse = StaffResults;
export type Purchase = PurchaseView;
export type FeedbackSummary = StaffSummary;
export type FeedbackEvent = FeedbackEventView;
export type FeedbackItem = StaffItem;
export type FeedbackSort = StaffSort;
export type FeedbackPage = StaffFeedbackPage;
export type FeedbackChange = StaffUpdateBody;
export type Durations = DurationStats;
export type {
  InteractionBody,
  InteractionChannel,
  InteractionView,
  MemberPage,
  MemberProfile,
  MemberSummary,
  MemberTier,
  StaffNote,
  TimelineEntry,
  TimelineKind,
  TierSettings,
  TierSettingsView,
  TierStatus,
};

export type { MinorChoice, SavedSegment, SegmentBody, SegmentCount, SegmentDefinition, SegmentList, SegmentMemberPage };

/** The member search as the query string names it (the server's memberListQuery); empty values are left out. */
export type MemberQuery = Omit<MemberListParams, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

// The codes, as the server's schemas check them (pure data; see server/members/codes.ts).
export { INTERACTION_CHANNELS, MEMBER_TIERS, TIMELINE_KINDS } from '../../server/members/codes.ts';

export type ApiError = ErrorShape;

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

/** What the staff app sends to create or change a survey (the server's schema; `kind` rides along, unknown to it). */
export type SurveyInput = SurveyBody & { kind?: Kind };
export type QuestionInput = SurveyInput['questions'][number];

// The server's lists, in the order the inbox shows them (pure data: the one run-time import from the server).
export { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../server/feedback/words.ts';

/** The inbox filters, as the query string names them (the server's staffListQuery); empty values are left out. */
export type FeedbackQuery = Omit<StaffListParams, 'merged' | 'page' | 'pageSize'> & {
  page?: number;
  pageSize?: number;
};

/** The measures' range (the server's measuresQuery): YYYY-MM-DD days and the bucket. */
export type MeasureRange = MeasuresParams;

/** The sidecar's origin: the `api` attribute when given, else where this script came from. */
export function apiBase(attribute: string | null | undefined): string {
  if (attribute) return attribute.replace(/\/+$/, '');
  // Only the origin matters; not `new URL('..', import.meta.url)`, which Vite would inline as an asset.
  return new URL(import.meta.url).origin;
}

export type { Placement, PlacementPlace, PlacementWidget };

/** What the staff app sends to place a widget (server/placements/placements.schemas.ts placementBody, narrowed
 * to what the app sends: a survey id only for poll and survey widgets). */
export interface PlacementInput {
  widget: PlacementWidget;
  surveyId?: number;
  place: PlacementPlace;
  target?: string;
  reservePx: number;
}

export class StaffApi {
  /** Called when a request that carried a token comes back 401 and no renewed token came: the session is over. */
  onUnauthorized: (() => void) | null = null;
  /**
   * Inside SLiMS, a new token from the host page when one was refused (it ran out while the PC slept, say);
   * the refused request is then sent once more. A 401 means nothing was done, so a write may be repeated.
   */
  renewToken: (() => Promise<string | null>) | null = null;

  constructor(
    readonly base: string,
    public token: string | null,
    public lang: Lang,
  ) {}

  /** `pow`: the solved proof of work, when the sidecar answered proof_required (a busy network). */
  signIn(username: string, password: string, pow?: string): Promise<ApiResult<Session>> {
    return this.request('POST', '/session', pow === undefined ? { username, password } : { username, password, pow });
  }

  /** Revokes this session's token at the sidecar (DELETE /session). */
  signOut(): Promise<ApiResult<null>> {
    return this.request('DELETE', '/session');
  }

  listSurveys(): Promise<ApiResult<{ surveys: SurveySummary[] }>> {
    return this.request('GET', '/surveys');
  }

  getSurvey(id: number): Promise<ApiResult<{ survey: SurveyDetail }>> {
    return this.request('GET', `/surveys/${id}`);
  }

  createSurvey(input: SurveyInput): Promise<ApiResult<{ survey: SurveyDetail }>> {
    return this.request('POST', '/surveys', input);
  }

  updateSurvey(id: number, input: SurveyInput): Promise<ApiResult<{ survey: SurveyDetail }>> {
    return this.request('PUT', `/surveys/${id}`, input);
  }

  setOpen(id: number, open: boolean): Promise<ApiResult<{ survey: SurveyDetail }>> {
    return this.request('POST', `/surveys/${id}/${open ? 'open' : 'close'}`);
  }

  deleteSurvey(id: number): Promise<ApiResult<null>> {
    return this.request('DELETE', `/surveys/${id}`);
  }

  getResults(id: number): Promise<ApiResult<ResultsResponse>> {
    return this.request('GET', `/surveys/${id}/results`);
  }

  exportCsv(id: number): Promise<ApiResult<Blob>> {
    return this.request('GET', `/surveys/${id}/export.csv`, undefined, 'blob');
  }

  listFeedback(query: FeedbackQuery): Promise<ApiResult<FeedbackPage>> {
    return this.request('GET', withQuery('/feedback', { ...query }));
  }

  /** The item, and whether the sidecar sends e-mail (false without CRM_SMTP_URL). */
  getFeedback(id: number): Promise<ApiResult<{ item: FeedbackItem; email?: boolean }>> {
    return this.request('GET', `/feedback/${id}`);
  }

  updateFeedback(id: number, change: FeedbackChange): Promise<ApiResult<{ item: FeedbackItem }>> {
    return this.request('PUT', `/feedback/${id}`, change);
  }

  addFeedbackNote(id: number, text: string): Promise<ApiResult<{ item: FeedbackItem }>> {
    return this.request('POST', `/feedback/${id}/notes`, { text });
  }

  replyToFeedback(
    id: number,
    text: string,
    visibility: 'public' | 'private',
  ): Promise<ApiResult<{ item: FeedbackItem }>> {
    return this.request('POST', `/feedback/${id}/replies`, { text, visibility });
  }

  /** Merges item `id` (the duplicate) into `into`; answers with the kept item. */
  mergeFeedback(id: number, into: number): Promise<ApiResult<{ item: FeedbackItem }>> {
    return this.request('POST', `/feedback/${id}/merge`, { into });
  }

  /** The staff and categories an item can be given; empty lists when they cannot be read (views work without them). */
  async feedbackChoices(): Promise<{ staff: StaffRef[]; categories: string[] }> {
    const [staff, categories] = await Promise.all([
      this.request<{ staff: StaffRef[] }>('GET', '/feedback/staff'),
      this.request<{ categories: string[] }>('GET', '/feedback/categories'),
    ]);
    return { staff: staff.ok ? staff.data.staff : [], categories: categories.ok ? categories.data.categories : [] };
  }

  listPlacements(surveyId?: number): Promise<ApiResult<{ placements: Placement[] }>> {
    return this.request('GET', surveyId === undefined ? '/placements' : `/placements?survey=${surveyId}`);
  }

  createPlacement(input: PlacementInput): Promise<ApiResult<{ placement: Placement }>> {
    return this.request('POST', '/placements', input);
  }

  deletePlacement(id: number): Promise<ApiResult<null>> {
    return this.request('DELETE', `/placements/${id}`);
  }

  getMeasures(range: MeasureRange): Promise<ApiResult<Measures>> {
    return this.request('GET', withQuery('/feedback/measures', { ...range }));
  }

  exportMeasuresCsv(range: MeasureRange): Promise<ApiResult<Blob>> {
    return this.request('GET', withQuery('/feedback/measures.csv', { ...range }), undefined, 'blob');
  }

  listMembers(query: MemberQuery): Promise<ApiResult<MemberPage>> {
    return this.request('GET', withQuery('/members', { ...query }));
  }

  /** The profile; `kinds` narrows its timeline (every kind when absent). Each read is audited by the sidecar. */
  getMember(id: string, kinds?: readonly TimelineKind[]): Promise<ApiResult<MemberProfile>> {
    return this.request('GET', withQuery(memberPath(id), { kinds: kinds?.join(',') }));
  }

  addInteraction(id: string, body: InteractionBody): Promise<ApiResult<{ interaction: InteractionView }>> {
    return this.request('POST', `${memberPath(id)}/interactions`, body);
  }

  setMemberNote(id: string, text: string): Promise<ApiResult<{ note: StaffNote | null }>> {
    return this.request('PUT', `${memberPath(id)}/note`, { text });
  }

  setMemberLabels(id: string, labels: string[]): Promise<ApiResult<{ labels: string[] }>> {
    return this.request('PUT', `${memberPath(id)}/labels`, { labels });
  }

  getTierSettings(): Promise<ApiResult<TierSettingsView>> {
    return this.request('GET', '/tiers/settings');
  }

  saveTierSettings(settings: TierSettings): Promise<ApiResult<TierSettingsView>> {
    return this.request('PUT', '/tiers/settings', settings);
  }

  getTierStatus(): Promise<ApiResult<TierStatus>> {
    return this.request('GET', '/tiers/status');
  }

  requestTierRun(kind: 'full' | 'incremental'): Promise<ApiResult<{ requested: { kind: string; at: string } }>> {
    return this.request('POST', '/tiers/runs', { kind });
  }

  /** How many members a definition holds now (the builder's live count). */
  countSegment(definition: SegmentDefinition): Promise<ApiResult<SegmentCount>> {
    return this.request('POST', '/segments/count', definition);
  }

  listSegments(): Promise<ApiResult<SegmentList>> {
    return this.request('GET', '/segments');
  }

  getSegment(id: number): Promise<ApiResult<{ segment: SavedSegment }>> {
    return this.request('GET', `/segments/${id}`);
  }

  createSegment(body: SegmentBody): Promise<ApiResult<{ segment: SavedSegment }>> {
    return this.request('POST', '/segments', body);
  }

  updateSegment(id: number, body: SegmentBody): Promise<ApiResult<{ segment: SavedSegment }>> {
    return this.request('PUT', `/segments/${id}`, body);
  }

  deleteSegment(id: number): Promise<ApiResult<null>> {
    return this.request('DELETE', `/segments/${id}`);
  }

  segmentMembers(id: number, query: { page: number; pageSize: number }): Promise<ApiResult<SegmentMemberPage>> {
    return this.request('GET', withQuery(`/segments/${id}/members`, query));
  }

  /** The segment's members as CSV; the sidecar writes each export to its audit log. */
  exportSegmentCsv(id: number): Promise<ApiResult<Blob>> {
    return this.request('GET', `/segments/${id}/members.csv`, undefined, 'blob');
  }

  /**
   * A call the browser did not complete: when the sidecar still answers a no-cors request it is up, and only
   * refuses this page's site (CORS, e.g. SLiMS at an address missing from CRM_ALLOWED_ORIGINS); otherwise the
   * network is down.
   */
  private async whyUnreachable(): Promise<'origin_not_allowed' | 'network_error'> {
    if (new URL(this.base || '/', location.href).origin === location.origin) return 'network_error';
    try {
      await fetch(`${this.base}/api/v1/health`, { mode: 'no-cors', credentials: 'omit' });
    } catch {
      return 'network_error';
    }
    console.warn(`[slims-crm] ${this.base} refuses ${location.origin}: set CRM_ALLOWED_ORIGINS=${location.origin}`);
    return 'origin_not_allowed';
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    as: 'json' | 'blob' = 'json',
    renewed = false,
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {
      Accept: as === 'json' ? 'application/json' : 'text/csv',
      'Accept-Language': this.lang,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const sentToken = this.token;
    if (sentToken) headers.Authorization = `Bearer ${sentToken}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}/api/v1/staff${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      return { ok: false, status: 0, error: { code: await this.whyUnreachable(), message: '' } };
    }
    if (response.ok) {
      if (response.status === 204) return { ok: true, status: 204, data: null as T };
      try {
        const data = (as === 'blob' ? await response.blob() : await response.json()) as T;
        return { ok: true, status: response.status, data };
      } catch {
        return { ok: false, status: response.status, error: { code: 'bad_response', message: '' } };
      }
    }
    const error = await readError(response);
    // A call sent with a token renewed meanwhile (by a parallel call's 401): once more with the new one.
    if (response.status === 401 && sentToken && this.token && sentToken !== this.token && !renewed) {
      return this.request(method, path, body, as, true);
    }
    if (response.status === 401 && sentToken && sentToken === this.token) {
      // Once: a renewed token that is refused too (the sidecar holds another secret) ends the session.
      const next = renewed || this.renewToken === null ? null : await this.renewToken();
      if (next !== null && next !== sentToken) {
        this.token = next;
        return this.request(method, path, body, as, true);
      }
      this.onUnauthorized?.();
    }
    return { ok: false, status: response.status, error };
  }
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: Partial<ApiError> };
    if (body.error && typeof body.error.code === 'string') {
      return { code: body.error.code, message: body.error.message ?? '', details: body.error.details };
    }
  } catch {
    // not JSON (a proxy's error page): fall through to a generic error
  }
  return { code: `http_${response.status}`, message: '' };
}

/** A member's card number is free text in SLiMS (it may hold a slash): one path segment, percent-encoded. */
const memberPath = (id: string) => `/members/${encodeURIComponent(id)}`;

/** `path?a=1&b=x`, leaving out parameters that are empty or unset. */
function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

interface TokenClaims {
  uid: number | null;
  name: string;
  /** SLiMS module privileges; null when the token carries none. */
  privileges: Record<string, { r?: unknown; w?: unknown }> | null;
}

/** What a staff token (a JWT) says about its holder; empty when it cannot be read. The server
 * checks the signature; the app only uses this to show the name, to offer "assigned to me" and to
 * leave out forms its holder may not send. */
export function tokenClaims(token: string | null): TokenClaims {
  try {
    const payload = token?.split('.')[1];
    if (!payload) return { uid: null, name: '', privileges: null };
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { sub?: unknown; name?: unknown; priv?: unknown };
    const uid = Number(json.sub);
    return {
      uid: Number.isInteger(uid) && uid > 0 ? uid : null,
      name: typeof json.name === 'string' ? json.name : '',
      privileges: typeof json.priv === 'object' && json.priv !== null ? (json.priv as TokenClaims['privileges']) : null,
    };
  } catch {
    return { uid: null, name: '', privileges: null };
  }
}

/** False only when the token says its holder may read the CRM's (SLiMS Membership) data but not change
 * it; a token that says nothing leaves the answer to the server's 403. */
export function mayWrite(token: string | null): boolean {
  const privileges = tokenClaims(token).privileges;
  if (privileges === null) return true;
  const w = privileges.membership?.w;
  return w === true || w === 1;
}

/** The 422 details as field problems, ignoring anything that is not shaped like one. */
export function fieldProblems(error: ApiError): FieldProblem[] {
  if (!Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is FieldProblem => typeof d === 'object' && d !== null && typeof (d as FieldProblem).message === 'string',
  );
}
