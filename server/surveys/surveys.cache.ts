// Short-lived caches in front of the database for the hot public paths: definitions by slug and tallies.
// They hold no state of record: every sidecar may keep its own, and a stale entry lives at most ttlMs.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { getSurveyBySlug, type SurveyDefinition } from './surveys.queries.ts';
import { tallySurvey, type Tally } from './surveys.results.ts';

interface Entry<T> {
  value: Promise<T>;
  /** performance.now() before the read was sent: it sees everything committed before that instant. */
  startedAt: number;
  settled: boolean;
}

export interface SurveyCache {
  definition(slug: string): Promise<SurveyDefinition | null>;
  /** A tally no older than the TTL. */
  tally(survey: SurveyDefinition): Promise<Tally>;
  /**
   * A tally read after `committedAt` (a performance.now() instant), so it holds a response committed before then.
   * At most one tally per survey is read at a time: callers that arrive while one is under way wait for the next,
   * which serves them all, so a burst of votes costs one tally query per query time, not one per vote.
   */
  tallyAfter(survey: SurveyDefinition, committedAt: number): Promise<Tally>;
  forget(survey: { id: number; slug: string }): void;
}

export function createSurveyCache(db: Kysely<Database>, ttlMs: number): SurveyCache {
  const definitions = new Map<string, Entry<SurveyDefinition | null>>();
  const tallies = new Map<number, Entry<Tally>>();

  function start<K, T>(map: Map<K, Entry<T>>, key: K, load: () => Promise<T>): Entry<T> {
    const entry: Entry<T> = { value: load(), startedAt: performance.now(), settled: false };
    entry.value.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
        if (map.get(key) === entry) map.delete(key); // a failed read is not cached
      },
    );
    map.set(key, entry);
    if (map.size > 1000) map.delete(map.keys().next().value as K);
    return entry;
  }

  function cached<K, T>(map: Map<K, Entry<T>>, key: K, load: () => Promise<T>): Promise<T> {
    if (ttlMs <= 0) return load();
    const hit = map.get(key);
    if (hit !== undefined && performance.now() - hit.startedAt < ttlMs) return hit.value;
    return start(map, key, load).value;
  }

  return {
    definition: (slug) => cached(definitions, slug, () => getSurveyBySlug(db, slug)),
    tally: (survey) => cached(tallies, survey.id, () => tallySurvey(db, survey)),
    async tallyAfter(survey, committedAt) {
      for (;;) {
        const entry = tallies.get(survey.id);
        if (entry !== undefined && entry.startedAt > committedAt) return entry.value;
        if (entry !== undefined && !entry.settled) {
          await entry.value.catch(() => undefined);
          continue;
        }
        return start(tallies, survey.id, () => tallySurvey(db, survey)).value;
      }
    },
    forget(survey) {
      definitions.delete(survey.slug);
      tallies.delete(survey.id);
    },
  };
}
