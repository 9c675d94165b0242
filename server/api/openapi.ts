// The OpenAPI 3.1 document of the sidecar's API, built from the route table and the request schemas.
import { z } from 'zod';
import { VERSION } from '../version.ts';
import { ROUTES, type RouteDoc } from './routes.ts';

type Json = Record<string, unknown>;

/** A JSON Schema (draft 2020-12, which OpenAPI 3.1 speaks) for a request shape, as it comes in. */
export function jsonSchema(schema: z.ZodType): Json {
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete document.$schema;
  return document;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable: clients act on it.' },
        message: { type: 'string', description: 'For people, in Indonesian or English (lang, Accept-Language).' },
        details: {
          description: 'On 422 validation_failed: one entry per field, each with its own message.',
          oneOf: [
            {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: {
                  field: { type: 'string' },
                  message: { type: 'string' },
                  questionId: { type: 'integer' },
                },
              },
            },
            { type: 'object' },
          ],
        },
      },
    },
  },
};

const errorWords: Record<number, string> = {
  400: 'Bad request: invalid_json, idempotency_key_required, a missing X-Device-Id, spam_suspected.',
  401: "unauthorized or invalid_token (or the route's own, such as invalid_credentials, bad_signature).",
  403: "forbidden, origin_not_allowed, or the route's own refusal.",
  404: "not_found (or the feature's own not-found code).",
  409: 'A conflict, by its code.',
  413: 'body_too_large (64 KiB).',
  415: 'unsupported_media_type: a body must be application/json.',
  422: 'validation_failed, with details per field.',
  429: 'rate_limited, with Retry-After.',
  503: 'database_unavailable, with Retry-After.',
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** /api/v1/surveys/:slug -> /api/v1/surveys/{slug} */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function operation(route: RouteDoc): Json {
  const parameters: Json[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const [name, field] of Object.entries(route.query?.en.shape ?? {})) {
    parameters.push({ name, in: 'query', required: false, schema: jsonSchema(field as z.ZodType) });
  }
  if (route.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: '8–64 characters A-Z, a-z, 0-9, _ or -: a retry with the same key never counts twice.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
    });
  }
  if (route.access === 'member-optional') {
    parameters.push({
      name: 'X-Device-Id',
      in: 'header',
      required: false,
      description: "The widget's random device id; a write without a member token needs it.",
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
    });
  }
  if (route.access === 'signed') {
    for (const name of ['X-Slims-Crm-Timestamp', 'X-Slims-Crm-Signature'])
      parameters.push({ name, in: 'header', required: true, schema: { type: 'string' } });
  }
  const responses: Json = {};
  for (const [status, description] of Object.entries(route.ok)) {
    responses[status] =
      status === '204'
        ? { description }
        : {
            description,
            content: route.csv
              ? { 'text/csv': { schema: { type: 'string' } } }
              : route.path.endsWith('/docs')
                ? { 'text/html': { schema: { type: 'string' } } }
                : { 'application/json': { schema: { type: 'object' } } },
          };
  }
  const errors = new Set([...(route.errors ?? []), 429, 503]);
  if (route.body !== undefined) for (const status of [400, 413, 415, 422]) errors.add(status);
  if (route.query !== undefined) errors.add(422);
  if (route.access.startsWith('staff')) errors.add(401).add(403);
  if (route.access === 'member') errors.add(401);
  for (const status of [...errors].sort()) responses[String(status)] ??= errorResponse(errorWords[status] ?? 'Error.');
  responses.default = errorResponse('internal_error: logged, no detail.');

  const security =
    route.access === 'staff-r' || route.access === 'staff-w'
      ? [{ staffToken: [] }]
      : route.access === 'member'
        ? [{ memberToken: [] }]
        : route.access === 'member-optional'
          ? [{ memberToken: [] }, {}]
          : undefined;
  const privilege =
    route.access === 'staff-r'
      ? ' Needs SLiMS Membership read.'
      : route.access === 'staff-w'
        ? ' Needs SLiMS Membership write.'
        : route.access === 'signed'
          ? ' Signed by the SLiMS plugin with the shared secret (HMAC-SHA256).'
          : '';
  return {
    tags: [route.tag],
    summary: route.summary.en,
    description: `${route.summary.en}${privilege}\n\n${route.summary.id}`,
    operationId: `${route.method}${openApiPath(route.path)
      .replace(/^\/api\/v1/, '')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body.en) } },
          },
        }),
    responses,
    ...(security === undefined ? {} : { security }),
  };
}

export function openApiDocument(publicUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'slims-crm sidecar API',
      version: VERSION,
      description:
        'The CRM sidecar for SLiMS: the public API the widgets call, the staff API the staff app calls, and the ' +
        'SLiMS plugin\'s webhooks. Every error is { "error": { "code", "message", "details"? } }; messages are in ' +
        'Indonesian by default, English with ?lang=en, Accept-Language: en or "lang": "en" in a body. Fields a ' +
        'route does not know are ignored; a known field of the wrong JSON type is a 422, never coerced.',
      license: { name: 'GPL-3.0-or-later', identifier: 'GPL-3.0-or-later' },
    },
    servers: [{ url: publicUrl }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A staff token: minted by the SLiMS plugin, or by POST /api/v1/staff/session.',
        },
        memberToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A member token: minted by the SLiMS plugin in the OPAC, or by POST /api/v1/members/session.',
        },
      },
    },
  };
}
