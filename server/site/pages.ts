// The demo library website (/) with widgets embedded as a webmaster would, and the staff app's page (/admin).
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from '../http.ts';

export const DEMO_POLL = 'jam-layanan';
export const DEMO_SURVEY = 'kepuasan-layanan-2026';

export function sitePages(deps: AppDeps) {
  // Links and scripts are relative: the pages work at whatever address reached them (localhost, 127.0.0.1,
  // the server's LAN address), and the widgets take the API's origin from their own script's URL.
  // The made-up library website (and its demo sign-in hint) belongs to the demo only: the embedded one, or a
  // test database started with CRM_DEMO=1.
  const demo = deps.config.demo;
  return new Hono<AppEnv>()
    .get('/', (c) =>
      !demo
        ? c.redirect('/admin', 302)
        : c.html(html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Perpustakaan Umum Kota Tepian Rokan</title>
<meta name="description" content="Situs contoh perpustakaan dengan widget slims-crm: jajak pendapat, survei kepuasan, dan kotak saran.">
<style>
  :root { --ink:#1f2a37; --muted:#5b6675; --brand:#0f5f4a; --sand:#f6f1e7; --line:#e3ddd0; }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:#fff; }
  header { background:var(--brand); color:#fff; }
  .bar { max-width:1080px; margin:0 auto; padding:14px 20px; display:flex; gap:24px; align-items:center; flex-wrap:wrap; }
  .brand { font-weight:700; font-size:1.15rem; letter-spacing:.2px; }
  nav a { color:#e6f4ef; text-decoration:none; margin-right:16px; font-size:.95rem; }
  nav a:hover, nav a:focus { text-decoration:underline; }
  .hero { background:var(--sand); border-bottom:1px solid var(--line); }
  .hero .inner { max-width:1080px; margin:0 auto; padding:40px 20px; }
  .hero h1 { margin:0 0 8px; font-size:2rem; line-height:1.2; }
  .hero p { margin:0; color:var(--muted); max-width:640px; }
  .search { margin-top:20px; display:flex; gap:8px; max-width:560px; }
  .search input { flex:1; padding:10px 12px; border:1px solid #c9c2b3; border-radius:8px; font:inherit; }
  .search button { padding:10px 18px; border:0; border-radius:8px; background:var(--brand); color:#fff; font:inherit; }
  main { max-width:1080px; margin:0 auto; padding:28px 20px 48px; display:grid; grid-template-columns: 1fr 360px; gap:32px; }
  @media (max-width: 860px) { main { grid-template-columns: 1fr; } }
  h2 { font-size:1.25rem; margin:0 0 12px; }
  .news article { border-bottom:1px solid var(--line); padding:14px 0; }
  .news h3 { margin:0 0 4px; font-size:1.05rem; }
  .news time { color:var(--muted); font-size:.85rem; }
  .hours { background:var(--sand); border-radius:12px; padding:16px 18px; margin-bottom:24px; }
  .hours dl { display:grid; grid-template-columns:auto 1fr; gap:4px 16px; margin:0; }
  .hours dt { color:var(--muted); }
  aside section { margin-bottom:28px; }
  /* The embed snippet's reserved space: it exists before the widget script runs, so nothing shifts. */
  slims-poll[poll="${DEMO_POLL}"] { display:block; min-height:400px; }
  slims-survey[survey="${DEMO_SURVEY}"] { display:block; min-height:960px; }
  /* The sign-in draws at once (no request first), so its space is kept only until it does: signed in, it is shorter. */
  slims-member-signin:not(:defined) { display:block; min-height:350px; }
  slims-suggestion-box { display:block; min-height:560px; }
  slims-feedback-board { display:block; min-height:720px; }
  slims-poll, slims-survey, slims-member-signin, slims-suggestion-box, slims-feedback-board { --slims-accent: var(--brand); }
  footer { border-top:1px solid var(--line); color:var(--muted); font-size:.9rem; }
  footer .inner { max-width:1080px; margin:0 auto; padding:20px; }
  .demo-note { background:#fff8e1; border:1px solid #f0d98c; border-radius:10px; padding:12px 14px; font-size:.9rem; }
  .demo-note code { background:#fff; padding:1px 4px; border-radius:4px; }
</style>
<script type="module" src="/widgets/slims-crm.js" async></script>
</head>
<body>
<header>
  <div class="bar">
    <div class="brand">Perpustakaan Umum Kota Tepian Rokan</div>
    <nav aria-label="Menu utama">
      <a href="#">Beranda</a><a href="#">Katalog (OPAC)</a><a href="#">Layanan</a><a href="#">Agenda</a><a href="#">Kontak</a>
    </nav>
  </div>
</header>
<div class="hero">
  <div class="inner">
    <h1>Membaca, belajar, bertemu.</h1>
    <p>Lebih dari 40.000 judul buku, ruang baca anak, pojok digital, dan kelas literasi setiap pekan. Kami ingin mendengar pendapat Anda.</p>
    <form class="search" role="search" onsubmit="return false">
      <label for="q" class="visually-hidden" style="position:absolute;left:-9999px">Cari koleksi</label>
      <input id="q" type="search" placeholder="Cari judul, pengarang, atau subjek…">
      <button type="submit">Cari</button>
    </form>
  </div>
</div>
<main>
  <div>
    <section class="news" aria-labelledby="berita">
      <h2 id="berita">Berita perpustakaan</h2>
      <article><h3>Kelas menulis cerpen untuk pelajar SMA</h3><time datetime="2026-11-18">18 November 2026</time><p>Setiap Sabtu pukul 09.00 di ruang serbaguna lantai 2. Gratis untuk anggota.</p></article>
      <article><h3>Koleksi baru: 320 judul pertanian dan kewirausahaan</h3><time datetime="2026-11-10">10 November 2026</time><p>Buku budidaya sawit, kopi, dan hortikultura kini bisa dipinjam di rak 630.</p></article>
      <article><h3>Layanan bebas denda selama Hari Kunjung Perpustakaan</h3><time datetime="2026-09-14">14 September 2026</time><p>Kembalikan buku yang terlambat tanpa denda sampai akhir bulan.</p></article>
    </section>
    <section aria-labelledby="survei" style="margin-top:28px">
      <h2 id="survei">Survei kepuasan layanan</h2>
      <p>Bantu kami memperbaiki layanan. Survei ini singkat, anonim, dan hasilnya kami umumkan.</p>
      <slims-survey survey="${DEMO_SURVEY}"></slims-survey>
    </section>
    <section aria-labelledby="saran" style="margin-top:28px">
      <h2 id="saran">Kotak saran</h2>
      <p>Saran, keluhan, pujian, pertanyaan, atau usulan buku yang perlu kami beli: tulis di sini, boleh tanpa nama.</p>
      <slims-suggestion-box privacy-url="/privasi"></slims-suggestion-box>
    </section>
    <section aria-labelledby="papan" style="margin-top:28px">
      <h2 id="papan">Tanggapan kami</h2>
      <slims-feedback-board></slims-feedback-board>
    </section>
  </div>
  <aside>
    <section class="hours" aria-labelledby="jam">
      <h2 id="jam">Jam layanan</h2>
      <dl><dt>Senin–Kamis</dt><dd>08.00–16.00</dd><dt>Jumat</dt><dd>08.00–11.30, 13.30–16.00</dd><dt>Sabtu</dt><dd>09.00–14.00</dd><dt>Minggu</dt><dd>Tutup</dd></dl>
    </section>
    <section aria-labelledby="pendapat">
      <h2 id="pendapat">Jajak pendapat</h2>
      <slims-poll poll="${DEMO_POLL}"></slims-poll>
    </section>
    <section aria-labelledby="anggota">
      <h2 id="anggota">Masuk anggota</h2>
      <slims-member-signin></slims-member-signin>
    </section>
    <p class="demo-note">Ini halaman contoh slims-crm. Staf: buka <a href="/admin">aplikasi staf</a> dan masuk dengan <code>admin</code> / <code>admin</code>. Anggota contoh: <code>M000001</code> / <code>anggota</code>; minat dan izinnya ada di <a href="/profil">Profil saya</a>.</p>
  </aside>
</main>
<footer><div class="inner">Jl. Sudirman No. 1 · Telepon (0761) 000-000 · © Perpustakaan Umum Kota Tepian Rokan</div></footer>
</body>
</html>`),
    )
    .get('/privasi', (c) =>
      !demo
        ? c.notFound()
        : c.html(html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pemberitahuan privasi · Perpustakaan Umum Kota Tepian Rokan</title>
<style>body { max-width:720px; margin:0 auto; padding:32px 20px; font:16px/1.6 system-ui, sans-serif; color:#1f2a37; }</style>
</head>
<body>
<h1>Pemberitahuan privasi kotak saran</h1>
<p>Contoh pemberitahuan privasi untuk situs demo. Perpustakaan Anda menulis pemberitahuannya sendiri sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.</p>
<ul>
<li>Alamat e-mail atau nomor WhatsApp yang Anda berikan hanya dipakai untuk menjawab masukan Anda, dan hanya bila Anda menyetujuinya.</li>
<li>Masukan tanpa nama tidak dikaitkan dengan identitas Anda. Alamat IP Anda tidak kami simpan; yang disimpan hanya sidik tersandi (hash) jaringannya untuk mencegah spam.</li>
<li>Anda dapat meminta data Anda dihapus dengan menghubungi petugas perpustakaan dan menyebut kode pelacakan.</li>
<li>Anggota dapat melihat dan mengubah minat, cara dihubungi, dan izinnya, mengunduh semua data CRM tentang dirinya, dan meminta penghapusannya di <a href="/profil">Profil saya</a>. Perpustakaan menindaklanjuti permintaan penghapusan paling lambat 3 x 24 jam.</li>
</ul>
<p><a href="/">Kembali ke beranda</a></p>
</body>
</html>`),
    )
    .get('/profil', (c) =>
      !demo
        ? c.notFound()
        : c.html(html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Profil saya · Perpustakaan Umum Kota Tepian Rokan</title>
<style>
  body { max-width:760px; margin:0 auto; padding:32px 20px; font:16px/1.6 system-ui, sans-serif; color:#1f2a37; }
  /* The sign-in's space is kept until it draws; the profile's always (it is tall once the member is in). */
  slims-member-signin:not(:defined) { display:block; min-height:350px; }
  slims-interest-profile { display:block; min-height:1800px; margin-top:24px; }
  slims-member-signin, slims-interest-profile { --slims-accent:#0f5f4a; }
</style>
<script type="module" src="/widgets/slims-crm.js" async></script>
</head>
<body>
<h1>Profil saya</h1>
<p>Masuk sebagai anggota, lalu atur minat, cara dihubungi, dan izin Anda. Anggota contoh: <code>M000001</code> / <code>anggota</code>.</p>
<slims-member-signin></slims-member-signin>
<slims-interest-profile privacy-url="/privasi"></slims-interest-profile>
<p><a href="/">Kembali ke beranda</a></p>
</body>
</html>`),
    )
    .get('/favicon.ico', (c) => c.body(null, 204))
    .get('/admin', (c) =>
      c.html(html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>slims-crm · Staf</title>
<style>
  body { margin:0; font-family:system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:#f4f6f8; }
  slims-crm-admin:not(:defined) { display:block; min-height:100vh; }
</style>
<script type="module" src="/widgets/slims-crm-admin.js"></script>
</head>
<body>
${demo ? html`<slims-crm-admin demo></slims-crm-admin>` : html`<slims-crm-admin></slims-crm-admin>`}
</body>
</html>`),
    );
}
