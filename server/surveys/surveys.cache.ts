// Short-lived caches in front of the database for the hot public paths: definitions by slug and tallies.
// They hold no state of record: every sidecar may keep its own, and a stale entry lives at most ttlMs.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { getSurveyBySlug, tallySurvey, type SurveyDefinition, type Tally } from './surveys.queries.ts';

interface Entry<T> {
  value: Promise<T>;
  /** performance.now() when the read began: it sees everything committed before that instant. */
  startedAt: number;
}

export interface SurveyCache {
  definition(slug: string): Promise<SurveyDefinition | null>;
  /** A tally no older than the TTL, and read after `notBefore` (a performance.now() instant) when given. */
  tally(survey: SurveyDefinition, notBefore?: number): Promise<Tally>;
  forget(survey: { id: number; slug: string }): void;
}

export function createSurveyCache(db: Kysely<Database>, ttlMs: number): SurveyCache {
  const definitions = new Map<string, Entry<SurveyDefinition | null>>();
  const tallies = new Map<number, Entry<Tally>>();

  function fresh<K, T>(map: Map<K, Entry<T>>, key: K, load: () => Promise<T>, notBefore = -Infinity): Entry<T> {
    const now = performance.now();
    const hit = map.get(key);
    if (hit !== undefined && now - hit.startedAt < ttlMs && hit.startedAt > notBefore) return hit;
    const entry: Entry<T> = { value: load(), startedAt: now };
    // A failed read is not cached.
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    map.set(key, entry);
    if (map.size > 1000) map.delete(map.keys().next().value as K);
    return entry;
  }

  return {
    definition: (slug) => (ttlMs <= 0 ? getSurveyBySlug(db, slug) : fresh(definitions, slug, () => getSurveyBySlug(db, slug)).value),
    tally: (survey, notBefore) =>
      ttlMs <= 0 ? tallySurvey(db, survey) : fresh(tallies, survey.id, () => tallySurvey(db, survey), notBefore).value,
    forget(survey) {
      definitions.delete(survey.slug);
      tallies.delete(survey.id);
    },
  };
}
