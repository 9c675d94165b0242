// The staff app's one seam to the network: a small client for /api/v1/staff that returns results
// instead of throwing, so every view handles success, API errors and a dead network the same way.
import type { Question, QuestionResults, QuestionType } from '../shared/contract.ts';

export type { Question, QuestionType };

export type Lang = 'id' | 'en';
export type Kind = 'poll' | 'survey';
export type Audience = 'anyone' | 'members';
export type ResultsVisibility = 'after_answer' | 'after_close' | 'staff';
export type Status = 'draft' | 'open' | 'closed';
export type State = 'draft' | 'open' | 'closed' | 'scheduled';

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

/** One server-side validation problem (422 `details`). */
export interface FieldProblem {
  questionId?: number;
  field: string;
  message: string;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError };

export interface Staff {
  uid: number;
  name: string;
  privileges?: Record<string, { r: boolean; w: boolean }>;
}

export interface Session {
  token: string;
  expiresAt: string;
  staff: Staff;
}

export interface SurveySummary {
  id: number;
  slug: string;
  kind: Kind;
  title: string;
  status: Status;
  state: State;
  audience: Audience;
  opensAt: string | null;
  closesAt: string | null;
  resultsVisibility: ResultsVisibility;
  responses: number;
  createdAt: string;
  updatedAt: string;
}

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  required?: boolean;
  maxLength?: number | null;
  options?: { label: string }[];
}

export interface SurveyInput {
  slug?: string;
  /** Not in the contract's SurveyInput; sent so the server can keep what the builder chose. */
  kind?: Kind;
  title: string;
  description?: string | null;
  audience: Audience;
  opensAt?: string | null;
  closesAt?: string | null;
  resultsVisibility: ResultsVisibility;
  questions: QuestionInput[];
}

export interface SurveyDetail extends SurveySummary {
  description: string | null;
  questions: Question[];
}

/** Staff results add the text answers that public results never carry. */
export interface QuestionResult extends QuestionResults {
  texts?: { text: string; createdAt: string }[];
}

export interface Results {
  total: number;
  questions: QuestionResult[];
}

export interface ResultsResponse {
  results: Results;
  timeline: { date: string; count: number }[];
}

/** The sidecar's origin: the `api` attribute when given, else where this script came from. */
export function apiBase(attribute: string | null | undefined): string {
  if (attribute) return attribute.replace(/\/+$/, '');
  // Only the origin matters; not `new URL('..', import.meta.url)`, which Vite would inline as an asset.
  return new URL(import.meta.url).origin;
}

export class StaffApi {
  /** Called when a request that carried a token comes back 401: the session is over. */
  onUnauthorized: (() => void) | null = null;

  constructor(
    readonly base: string,
    public token: string | null,
    public lang: Lang,
  ) {}

  signIn(username: string, password: string): Promise<ApiResult<Session>> {
    return this.request('POST', '/session', { username, password });
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

  async request<T>(method: string, path: string, body?: unknown, as: 'json' | 'blob' = 'json'): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: as === 'json' ? 'application/json' : 'text/csv', 'Accept-Language': this.lang };
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
      return { ok: false, status: 0, error: { code: 'network_error', message: '' } };
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
    if (response.status === 401 && sentToken && sentToken === this.token) this.onUnauthorized?.();
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

/** The 422 details as field problems, ignoring anything that is not shaped like one. */
export function fieldProblems(error: ApiError): FieldProblem[] {
  if (!Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is FieldProblem => typeof d === 'object' && d !== null && typeof (d as FieldProblem).message === 'string',
  );
}
