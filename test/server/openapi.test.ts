// The API's reference: /api/v1/openapi.json is a valid OpenAPI 3.1 document that lists every route the app
// serves under /api/v1, and /api/v1/docs names each of them.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../server/api/openapi.ts';
import { ROUTES } from '../../server/api/routes.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { buildApp, prepareDatabase } from '../helpers/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('API reference', () => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await prepareDatabase(handle);
    app = buildApp(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** Every method and path registered on the app under /api/v1 (middleware registers as ALL). */
  const served = () => [
    ...new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path}`),
    ),
  ];

  it('serves a document that validates as OpenAPI 3.1', async () => {
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as Json;
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every route of the app with its method, path parameters and security, and nothing else', async () => {
    const document = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    const routes = served();
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const operation = document.paths[openApiPath(path)]?.[method] as Json | undefined;
      expect(operation, route).toBeDefined();
      const names = [...path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => name);
      expect(
        (operation!.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name),
        route,
      ).toEqual(names);
      if (path.startsWith('/api/v1/staff/') && path !== '/api/v1/staff/session')
        expect(operation!.security, route).toEqual([{ staffToken: [] }]);
      expect(operation!.responses.default.content['application/json'].schema, route).toEqual({
        $ref: '#/components/schemas/Error',
      });
    }
    const documented = Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}')).sort());
  });

  it('describes request bodies from the schemas the routes declare', async () => {
    const document = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    const body = document.paths['/api/v1/feedback'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['kind', 'text']));
    expect(body.properties.kind.enum).toContain('purchase');
    expect(document.paths['/api/v1/staff/surveys'].post.responses['422']).toBeDefined();
    expect(document.components.securitySchemes.memberToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves a reference page, without scripts, that names each route', async () => {
    const res = await app.request('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).not.toMatch(/<script/i);
    for (const route of served()) {
      const [method, path] = route.split(' ') as [string, string];
      expect(page, route).toContain(`${method.toUpperCase()} ${path}</code>`);
    }
  });

  it('says what each route does in Indonesian and in English, on the page and in the document', async () => {
    const page = await (await app.request('/api/v1/docs')).text();
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    expect(page).not.toContain('[object');
    for (const route of ROUTES) {
      expect(route.summary.id, route.path).not.toBe(route.summary.en);
      expect(page, route.path).toContain(escapeHtml(route.summary.id));
      expect(page, route.path).toContain(escapeHtml(route.summary.en));
      const operation = doc.paths[openApiPath(route.path)][route.method];
      expect(operation.summary).toBe(route.summary.en);
      expect(operation.description).toContain(route.summary.id);
    }
    expect(page).toContain('<h2>Kotak saran / Suggestion box</h2>');
  });
});

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
