// Builds the sidecar's HTTP app from its dependencies; only server/index.ts opens the database and listens.
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { isSecureContext } from './network.ts';
import { secureHeaders } from 'hono/secure-headers';
import { referencePage } from './api/docs.ts';
import { openApiDocument } from './api/openapi.ts';
import { createAvailability, RETRY_AFTER_SECONDS } from './db/availability.ts';
import { dialectOf } from './db/dialect.ts';
import type { AppDeps } from './deps.ts';
import { ApiError, errorBody, pick, requestLang } from './errors.ts';
import { feedbackRoutes } from './feedback/feedback.routes.ts';
import { staffFeedbackRoutes } from './feedback/staff-feedback.routes.ts';
import { unsubscribeRoutes } from './feedback/unsubscribe.routes.ts';
import { hookRoutes } from './hooks/hooks.routes.ts';
import { isOwnOrigin, type AppContext, type AppEnv } from './http.ts';
import { memberRoutes } from './members/members.routes.ts';
import { memberProfileRoutes, topicRoutes } from './members/preferences.routes.ts';
import { staffMemberRoutes } from './members/staff-members.routes.ts';
import { placementRoutes } from './placements/placements.routes.ts';
import { segmentRoutes } from './segments/segments.routes.ts';
import { sitePages } from './site/pages.ts';
import { widgetAssets } from './site/static.ts';
import { staffSessionRoutes } from './staff/staff.routes.ts';
import { createSurveyCache } from './surveys/surveys.cache.ts';
import { surveyRoutes } from './surveys/surveys.routes.ts';
import { staffSurveyRoutes } from './surveys/staff-surveys.routes.ts';
import { tierRoutes } from './tiers/tiers.routes.ts';
import { VERSION } from './version.ts';

const defaultWidgetsDir = fileURLToPath(new URL('../dist/widgets', import.meta.url));

export function createApp(deps: AppDeps & { widgetsDir?: string }) {
  const { config } = deps;
  const log = deps.log ?? ((line: string) => console.error(line));
  const availability = deps.availability ?? createAvailability({ db: deps.db, log });
  const cache = createSurveyCache(deps.db, deps.cacheTtlMs ?? 1000);
  const allowed = new Set([new URL(config.publicUrl).origin, ...config.allowedOrigins]);

  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    const lang = requestLang(c);
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, lang, error.details, error.wording), error.status);
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 404 ? 'not_found' : error.status === 413 ? 'body_too_large' : 'validation_failed';
      return c.json(errorBody(code, lang), error.status);
    }
    // The database away (down, restarting, full): a 503 to retry shortly, logged once by the tracker, not per request.
    if (availability.report(error)) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(errorBody('database_unavailable', lang), 503);
    }
    log(
      `[slims-crm] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json(errorBody('internal_error', lang), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', requestLang(c)), 404));

  // Only registered origins and the sidecar's own pages may call the API from a browser; a request with no
  // Origin is not from a page. "Own" is whatever address reached us (localhost, 127.0.0.1, a LAN address),
  // so the demo and the staff app work wherever they are opened from; the API holds no cookies, so a
  // rebinding name that passes this check gains nothing a plain HTTP client lacks.
  const permitted = (c: AppContext, origin: string) => allowed.has(origin) || isOwnOrigin(c, origin, config.trustProxy);
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !permitted(c, origin)) {
      // No CORS headers: the page cannot read this. The widgets tell the visitor "not available here" and the
      // console the setting; the detail is for the person who calls with curl.
      const setting = `CRM_ALLOWED_ORIGINS=${origin}`;
      throw new ApiError(403, 'origin_not_allowed', [
        {
          field: 'Origin',
          message: pick(
            requestLang(c),
            `Izinkan situs ini dengan ${setting} pada sidecar.`,
            `Allow this site with ${setting} on the sidecar.`,
          ),
        },
      ]);
    }
    await next();
  });
  app.use(
    '/api/*',
    cors({
      origin: (origin, c) => (permitted(c, origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Device-Id', 'Accept-Language'],
      exposeHeaders: ['Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    }),
  );
  // Only on methods with a body: reading a GET's body would make @hono/node-server build a full Request.
  app.on(
    ['POST', 'PUT'],
    '/api/*',
    bodyLimit({
      maxSize: 64 * 1024,
      // The rest of the body is never read, so the socket cannot carry another request: say so and close it,
      // or a keep-alive client would send its next request on a connection that is then dropped.
      onError: (c) => {
        c.header('Connection', 'close');
        throw new ApiError(413, 'body_too_large');
      },
    }),
  );

  app.get('/api/v1/health', async (c) => {
    let database = true;
    try {
      await deps.db.selectFrom('crm_migrations').select('name').limit(1).execute();
      availability.answered();
    } catch (error) {
      database = false;
      availability.report(error);
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    return c.json(
      {
        status: database ? 'ok' : 'degraded',
        version: VERSION,
        database: { dialect: dialectOf(deps.db), ok: database },
        time: deps.clock().toISOString(),
      },
      database ? 200 : 503,
    );
  });
  // The API's reference, built from the route table and the request schemas (server/api/).
  const document = openApiDocument(config.publicUrl);
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  app.get('/api/v1/docs', (c) => c.html(referencePage()));
  app.route('/api/v1/surveys', surveyRoutes(deps, cache));
  app.route('/api/v1/staff', staffSessionRoutes(deps));
  app.route('/api/v1/staff/surveys', staffSurveyRoutes(deps, cache));
  app.route('/api/v1/feedback', feedbackRoutes(deps));
  app.route('/api/v1/staff/feedback', staffFeedbackRoutes(deps));
  app.route('/api/v1/staff/placements', placementRoutes(deps));
  app.route('/api/v1/staff/members', staffMemberRoutes(deps));
  app.route('/api/v1/staff/tiers', tierRoutes(deps));
  app.route('/api/v1/staff/segments', segmentRoutes(deps));
  app.route('/api/v1/members', memberRoutes(deps));
  app.route('/api/v1/members/me', memberProfileRoutes(deps));
  app.route('/api/v1/topics', topicRoutes(deps));
  app.route('/api/v1/hooks', hookRoutes(deps));

  app.route('/widgets', widgetAssets(deps.widgetsDir ?? defaultWidgetsDir));
  const headers = { crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: 'same-origin' } as const;
  const secure = secureHeaders(headers);
  // Plain http at a LAN address: no opener policy or origin-keyed cluster, which browsers ignore there with an error.
  const plainHttp = secureHeaders({ ...headers, crossOriginOpenerPolicy: false, originAgentCluster: false });
  app.use('*', (c, next) => (isSecureContext(c, config.trustProxy) ? secure : plainHttp)(c, next));
  app.route('/notices/unsubscribe', unsubscribeRoutes(deps));
  app.route('/', sitePages(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
