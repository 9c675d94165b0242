// "Tampilkan di OPAC": staff place widgets in the OPAC's places, the plugin reads the rows. On SQLite and MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { buildApp, prepareDatabase, staffToken } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(await availableDatabases())('placements on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  let admin: string;
  let reader: string;
  let poll: number;
  let survey: number;

  async function staff(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> {
    const res = await app.request(`/api/v1/staff${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: res.status === 204 ? {} : ((await res.json()) as Json) };
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle);
    admin = await staffToken(app, 'pustakawan');
    reader = await staffToken(app, 'tamu');
    const question = { type: 'single', prompt: 'Kapan?', options: [{ label: 'Pagi' }, { label: 'Malam' }] };
    poll = (
      await staff(admin, 'POST', '/surveys', {
        slug: 'jam-buka',
        title: 'Jam buka',
        audience: 'anyone',
        resultsVisibility: 'after_answer',
        questions: [question],
      })
    ).json.survey.id;
    survey = (
      await staff(admin, 'POST', '/surveys', {
        slug: 'kepuasan',
        title: 'Kepuasan',
        audience: 'anyone',
        resultsVisibility: 'after_answer',
        questions: [question, { type: 'rating', prompt: 'Nilai' }],
      })
    ).json.survey.id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('places a poll on the home page and a detail page, lists them, and keeps one of each', async () => {
    const home = await staff(admin, 'POST', '/placements', {
      widget: 'poll',
      surveyId: poll,
      place: 'home',
      reservePx: 330,
    });
    expect(home.status).toBe(201);
    expect(home.json.placement).toMatchObject({
      widget: 'poll',
      place: 'home',
      target: null,
      reservePx: 330,
      survey: { id: poll, slug: 'jam-buka', kind: 'poll' },
    });
    expect(
      (
        await staff(admin, 'POST', '/placements', {
          widget: 'poll',
          surveyId: poll,
          place: 'detail',
          target: '',
          reservePx: 330,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await staff(admin, 'POST', '/placements', {
          widget: 'suggestion-box',
          place: 'page',
          target: 'libinfo',
          reservePx: 560,
        })
      ).status,
    ).toBe(201);
    const again = await staff(admin, 'POST', '/placements', {
      widget: 'poll',
      surveyId: poll,
      place: 'home',
      reservePx: 400,
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_placed');
    const all = await staff(reader, 'GET', '/placements');
    expect(all.status).toBe(200);
    expect(
      all.json.placements.map((p: Json) => `${p.widget}@${p.place}${p.target ? `:${p.target}` : ''}`).sort(),
    ).toEqual(['poll@detail', 'poll@home', 'suggestion-box@page:libinfo']);
    const ofPoll = await staff(reader, 'GET', `/placements?survey=${poll}`);
    expect(ofPoll.json.placements).toHaveLength(2);
  });

  it('refuses bad input field by field, in the caller’s language, and writes nothing', async () => {
    const before = (await staff(admin, 'GET', '/placements')).json.placements.length;
    const cases: Array<[string, Json, string[]]> = [
      ['no widget', { place: 'home', reservePx: 100 }, ['widget']],
      ['poll without survey', { widget: 'poll', place: 'home', reservePx: 100 }, ['surveyId']],
      ['box with a survey', { widget: 'suggestion-box', surveyId: poll, place: 'home', reservePx: 100 }, ['surveyId']],
      ['unknown place', { widget: 'feedback-board', place: 'header', reservePx: 100 }, ['place']],
      ['page without a name', { widget: 'feedback-board', place: 'page', reservePx: 100 }, ['target']],
      [
        'page name with a slash',
        { widget: 'feedback-board', place: 'page', target: '../admin', reservePx: 100 },
        ['target'],
      ],
      [
        'detail with a word',
        { widget: 'feedback-board', place: 'detail', target: 'semua', reservePx: 100 },
        ['target'],
      ],
      ['footer with a target', { widget: 'feedback-board', place: 'footer', target: 'x', reservePx: 100 }, ['target']],
      ['height too large', { widget: 'feedback-board', place: 'footer', reservePx: 99999 }, ['reservePx']],
      ['height missing', { widget: 'feedback-board', place: 'footer' }, ['reservePx']],
      ['height a fraction', { widget: 'feedback-board', place: 'footer', reservePx: 1.5 }, ['reservePx']],
      [
        'a fraction beside other faults',
        { widget: 'poll', place: 'page', reservePx: 1.5 },
        ['reservePx', 'surveyId', 'target'],
      ],
    ];
    for (const [name, body, fields] of cases) {
      const res = await app.request('/api/v1/staff/placements?lang=en', {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, name).toBe(422);
      const json = (await res.json()) as Json;
      expect(
        json.error.details.map((d: Json) => d.field),
        name,
      ).toEqual(fields);
      expect(json.error.details[0].message, name).toMatch(/^[A-Z]/);
    }
    const wrongKind = await staff(admin, 'POST', '/placements', {
      widget: 'poll',
      surveyId: survey,
      place: 'footer',
      reservePx: 100,
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.json.error.details[0].message).toMatch(/survei/);
    expect(
      (
        await staff(admin, 'POST', '/placements', {
          widget: 'survey',
          surveyId: 99999,
          place: 'footer',
          reservePx: 100,
        })
      ).status,
    ).toBe(404);
    expect((await staff(admin, 'GET', '/placements')).json.placements).toHaveLength(before);
  });

  it('refuses wrong JSON types and a wrong ?survey= with 422, never coercing them', async () => {
    const before = (await staff(admin, 'GET', '/placements')).json.placements.length;
    const cases: Array<[string, Json, string]> = [
      ['widget 1', { widget: 1, place: 'home', reservePx: 100 }, 'widget'],
      ['surveyId "1"', { widget: 'poll', surveyId: String(poll), place: 'home', reservePx: 100 }, 'surveyId'],
      ['surveyId 1.5', { widget: 'poll', surveyId: 1.5, place: 'home', reservePx: 100 }, 'surveyId'],
      ['place ["home"]', { widget: 'feedback-board', place: ['home'], reservePx: 100 }, 'place'],
      ['target 7', { widget: 'feedback-board', place: 'detail', target: 7, reservePx: 100 }, 'target'],
      ['reservePx "100"', { widget: 'feedback-board', place: 'footer', reservePx: '100' }, 'reservePx'],
      ['reservePx true', { widget: 'feedback-board', place: 'footer', reservePx: true }, 'reservePx'],
      ['lang 1', { widget: 'feedback-board', place: 'footer', reservePx: 100, lang: 1 }, 'lang'],
    ];
    for (const [name, body, field] of cases) {
      const res = await staff(admin, 'POST', '/placements', body);
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe('validation_failed');
      expect(
        (res.json.error.details as Json[]).map((d) => d.field),
        name,
      ).toContain(field);
    }
    for (const query of ['abc', '1.0', '0', '-1', '']) {
      const res = await staff(admin, 'GET', `/placements?survey=${query}`);
      expect(res.status, query).toBe(422);
      expect(res.json.error.details[0].field).toBe('survey');
    }
    expect((await staff(admin, 'GET', `/placements?survey=${poll}`)).status).toBe(200);
    expect((await staff(admin, 'GET', '/placements')).json.placements).toHaveLength(before);
  });

  it('needs Membership write to place or remove, read to list', async () => {
    expect(
      (await staff(reader, 'POST', '/placements', { widget: 'feedback-board', place: 'footer', reservePx: 600 }))
        .status,
    ).toBe(403);
    const kasir = await staffToken(app, 'kasir');
    expect((await staff(kasir, 'GET', '/placements')).status).toBe(403);
    const unsigned = await app.request('/api/v1/staff/placements');
    expect(unsigned.status).toBe(401);
  });

  it('removes a placement, and a survey’s placements go with the survey', async () => {
    const board = await staff(admin, 'POST', '/placements', {
      widget: 'feedback-board',
      place: 'footer',
      reservePx: 600,
    });
    expect((await staff(admin, 'DELETE', `/placements/${board.json.placement.id}`)).status).toBe(204);
    expect((await staff(admin, 'DELETE', `/placements/${board.json.placement.id}`)).status).toBe(404);
    expect(
      (
        await staff(admin, 'POST', '/placements', {
          widget: 'survey',
          surveyId: survey,
          place: 'sidebar',
          reservePx: 500,
        })
      ).status,
    ).toBe(201);
    expect((await staff(admin, 'DELETE', `/surveys/${survey}`)).status).toBe(204);
    const left = (await staff(admin, 'GET', '/placements')).json.placements as Json[];
    expect(left.some((p) => p.survey?.id === survey)).toBe(false);
    expect(left.some((p) => p.survey?.id === poll)).toBe(true);
  });
});
