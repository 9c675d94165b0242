// The staff app's URLs: every view as a hash route (#/surveys/12/edit, #/feedback?status=new), so a
// reload, the back button and a link sent to a colleague reach the same view. Only the fragment is
// ours: the host page's path and query string (SLiMS's admin has its own) are never touched.
import {
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  MEMBER_TIERS,
  type FeedbackQuery,
  type FeedbackSort,
  type MemberQuery,
} from './api.ts';

/** The inbox's filters as a URL carries them; what is missing takes its default. */
export type FeedbackFilters = Omit<FeedbackQuery, 'pageSize'>;
/** The member search as a URL carries it (#/members?q=siti&type=2). */
export type MemberFilters = Omit<MemberQuery, 'pageSize'>;

export type Route =
  | { view: 'list' }
  | { view: 'new' }
  | { view: 'edit'; id: number }
  | { view: 'results'; id: number }
  | { view: 'embed'; id: number }
  | { view: 'feedback'; filters?: FeedbackFilters }
  | { view: 'feedback-item'; id: number }
  | { view: 'feedback-measures' }
  | { view: 'placements' }
  | { view: 'members'; filters?: MemberFilters }
  | { view: 'member'; id: string }
  | { view: 'tiers' }
  | { view: 'segments' }
  | { view: 'segment'; id: number };

export const FEEDBACK_SORTS: readonly FeedbackSort[] = ['newest', 'oldest', 'votes', 'updated'];

const home: Route = { view: 'list' };

/** A survey's own views, as the last part of `#/surveys/<id>/<view>`. */
const surveyViews = { edit: 'edit', results: 'results', embed: 'embed' } as const;

/** Each filter read from the URL, or undefined when the value is not one the inbox knows. */
const filterReaders: { [K in keyof Required<FeedbackFilters>]: (value: string) => FeedbackFilters[K] } = {
  status: (v) => FEEDBACK_STATUSES.find((s) => s === v),
  kind: (v) => FEEDBACK_KINDS.find((k) => k === v),
  category: (v) => v || undefined,
  assigned: (v) => (/^(?:none|\d{1,10})$/.test(v) ? v : undefined),
  published: (v) => (v === '1' || v === '0' ? v : undefined),
  q: (v) => v || undefined,
  sort: (v) => FEEDBACK_SORTS.find((s) => s === v),
  page: (v) => (/^[1-9]\d{0,5}$/.test(v) ? Number(v) : undefined),
};

const memberFilterReaders: { [K in keyof Required<MemberFilters>]: (value: string) => MemberFilters[K] } = {
  q: (v) => v.trim() || undefined,
  type: (v) => (/^[1-9]\d{0,9}$/.test(v) ? v : undefined),
  expiry: (v) => (['active', 'expired', 'expiring'] as const).find((e) => e === v),
  tier: (v) => MEMBER_TIERS.find((t) => t === v),
  page: (v) => (/^[1-9]\d{0,5}$/.test(v) ? Number(v) : undefined),
};

/** A card number from a URL segment: SLiMS allows up to 20 characters of free text, so it travels encoded. */
function memberIdOf(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id.trim() !== '' && [...id].length <= 20 ? id : null;
  } catch {
    return null;
  }
}

/** What a fragment of a page's URL asks for; null when the fragment is not ours (`#main`, a bare `#`). */
export function routeFromUrl(href: string): Route | null {
  const at = href.indexOf('#');
  if (at < 0) return home;
  const fragment = href.slice(at + 1);
  if (!fragment.startsWith('/')) return null;
  return parseRoute(fragment);
}

/** `/surveys/12/edit` and the like as a route; anything unknown or malformed is the surveys list. */
export function parseRoute(fragment: string): Route {
  const [path = '', query = ''] = fragment.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const id = parts[1] !== undefined && /^[1-9]\d{0,14}$/.test(parts[1]) ? Number(parts[1]) : null;
  const [section, , sub] = parts;
  if (section === 'surveys') {
    if (parts.length === 1) return home;
    if (parts.length === 2 && parts[1] === 'new') return { view: 'new' };
    const view = sub === undefined ? undefined : surveyViews[sub as keyof typeof surveyViews];
    if (parts.length === 3 && id !== null && view) return { view, id };
  }
  if (section === 'feedback') {
    if (parts.length === 1) {
      const filters = parseFilters(query);
      return filters ? { view: 'feedback', filters } : { view: 'feedback' };
    }
    if (parts.length === 2 && id !== null) return { view: 'feedback-item', id };
  }
  if (section === 'members') {
    if (parts.length === 1) {
      const filters = readFilters(query, memberFilterReaders);
      return filters ? { view: 'members', filters } : { view: 'members' };
    }
    const memberId = parts.length === 2 ? memberIdOf(parts[1]!) : null;
    if (memberId !== null) return { view: 'member', id: memberId };
  }
  if (section === 'segments') {
    if (parts.length === 1) return { view: 'segments' };
    if (parts.length === 2 && id !== null) return { view: 'segment', id };
  }
  if (parts.length === 1 && section === 'measures') return { view: 'feedback-measures' };
  if (parts.length === 1 && section === 'placements') return { view: 'placements' };
  if (parts.length === 1 && section === 'tiers') return { view: 'tiers' };
  return home;
}

function parseFilters(query: string): FeedbackFilters | null {
  return readFilters(query, filterReaders);
}

/** The parameters `readers` know, each read by its reader; null when none of them is there. */
function readFilters<F extends object>(
  query: string,
  readers: { [K in keyof F]-?: (value: string) => F[K] },
): F | null {
  const params = new URLSearchParams(query);
  const filters: Record<string, unknown> = {};
  for (const [name, read] of Object.entries(readers)) {
    const raw = params.get(name);
    const value = raw === null ? undefined : (read as (v: string) => unknown)(raw.slice(0, 200));
    if (value !== undefined) filters[name] = value;
  }
  return Object.keys(filters).length ? (filters as F) : null;
}

/** The route as a fragment (`#/feedback/34`); filters at their defaults are left out. */
export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'list':
      return '#/surveys';
    case 'new':
      return '#/surveys/new';
    case 'edit':
    case 'results':
    case 'embed':
      return `#/surveys/${route.id}/${route.view}`;
    case 'feedback': {
      const query = formatFilters(route.filters ?? {});
      return query ? `#/feedback?${query}` : '#/feedback';
    }
    case 'feedback-item':
      return `#/feedback/${route.id}`;
    case 'feedback-measures':
      return '#/measures';
    case 'placements':
      return '#/placements';
    case 'members': {
      const query = formatMemberFilters(route.filters ?? {});
      return query ? `#/members?${query}` : '#/members';
    }
    case 'member':
      return `#/members/${encodeURIComponent(route.id)}`;
    case 'tiers':
      return '#/tiers';
    case 'segments':
      return '#/segments';
    case 'segment':
      return `#/segments/${route.id}`;
  }
}

/** The member search's filters that are set (page 1 is the default), in a fixed order, as a query string. */
export function formatMemberFilters(filters: MemberFilters): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(memberFilterReaders) as (keyof MemberFilters)[]) {
    const value = filters[name];
    if (value === undefined || value === '' || (name === 'page' && value === 1)) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

/** The filters that differ from the inbox's defaults, in a fixed order, as a query string. */
export function formatFilters(filters: FeedbackFilters): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(filterReaders) as (keyof FeedbackFilters)[]) {
    const value = filters[name];
    if (
      value === undefined ||
      value === '' ||
      (name === 'sort' && value === 'newest') ||
      (name === 'page' && value === 1)
    )
      continue;
    params.set(name, String(value));
  }
  return params.toString();
}
