// The API reference as one plain page on the sidecar: no scripts and nothing from a CDN, so it works offline.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { VERSION } from '../version.ts';
import { jsonSchema } from './openapi.ts';
import { ROUTES, type Access, type RouteDoc } from './routes.ts';

const ACCESS: Record<Access, string> = {
  public: 'Publik / public',
  member: 'Token anggota / member token',
  'member-optional': 'Token anggota atau ID perangkat / member token or device id',
  'staff-r': 'Token staf, Keanggotaan baca / staff token, Membership read',
  'staff-w': 'Token staf, Keanggotaan tulis / staff token, Membership write',
  signed: 'Tanda tangan plugin SLiMS / signed by the SLiMS plugin',
};

/** The tags of routes.ts, in Indonesian. */
const TAGS: Record<string, string> = {
  Service: 'Layanan',
  'Surveys and polls': 'Survei dan jajak pendapat',
  'Suggestion box': 'Kotak saran',
  Staff: 'Staf',
  Members: 'Anggota',
  'Member profiles': 'Profil anggota',
  'SLiMS plugin': 'Plugin SLiMS',
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function route(r: RouteDoc): HtmlEscapedString | Promise<HtmlEscapedString> {
  const query = Object.keys(r.query?.en.shape ?? {});
  return html`<section id="${r.method}-${r.path}">
<h3><code>${r.method.toUpperCase()} ${r.path}</code></h3>
<p>${r.summary.id}<br><span lang="en" class="en">${r.summary.en}</span></p>
<p><strong>Akses / access:</strong> ${ACCESS[r.access]}${r.idempotent ? html` · <code>Idempotency-Key</code>` : ''}</p>
${query.length > 0 ? html`<p><strong>Query:</strong> ${query.map((q) => html`<code>${q}</code> `)}</p>` : ''}
${r.query === undefined ? '' : html`<details><summary>Skema query / query schema</summary><pre>${pretty(jsonSchema(r.query.en))}</pre></details>`}
${r.body === undefined ? '' : html`<details><summary>Isi permintaan / body (application/json)</summary><pre>${pretty(jsonSchema(r.body.en))}</pre></details>`}
<p><strong>Jawaban / answers:</strong> ${Object.entries(r.ok).map(([status, words]) => html`<code>${status}</code> ${words} `)}</p>
</section>`;
}

export function referencePage() {
  const tags = [...new Set(ROUTES.map((r) => r.tag))];
  return html`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>slims-crm API ${VERSION}</title>
<style>body { max-width: 960px; margin: 0 auto; padding: 24px; font: 15px/1.55 system-ui, sans-serif; color: #1f2a37; } h3 { margin-bottom: 4px; } section { border-top: 1px solid #d8dee4; padding: 8px 0; } pre { background: #f4f6f8; padding: 8px; overflow: auto; font-size: 13px; } code { background: #f4f6f8; padding: 0 3px; } .en { color: #57606a; }</style>
</head>
<body>
<h1>Referensi API slims-crm / API reference</h1>
<p>Versi / version ${VERSION}. Dokumen OpenAPI 3.1 / OpenAPI 3.1 document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<p>Setiap galat / every error: <code>{ "error": { "code", "message", "details"? } }</code>; pesan dalam bahasa Indonesia, atau Inggris dengan <code>?lang=en</code>, <code>Accept-Language: en</code> atau <code>"lang": "en"</code> / messages in Indonesian, or English with those. Isian yang tidak dikenal diabaikan; tipe JSON yang salah ditolak (422) / unknown fields are ignored; a wrong JSON type is refused (422). Badan permintaan paling besar 64 KiB / bodies are at most 64 KiB.</p>
${tags.map((tag) => html`<h2>${TAGS[tag] ?? tag} / ${tag}</h2>${ROUTES.filter((r) => r.tag === tag).map(route)}`)}
</body>
</html>`;
}
