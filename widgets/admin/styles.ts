// The staff app's one stylesheet. Every view renders into the app's single shadow root, so these
// rules (and id references for labels) reach them all while nothing leaks into SLiMS's admin.
import { css } from 'lit';

export const adminStyles = css`
  :host {
    --crm-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
    --crm-bg: #f4f6fa;
    --crm-surface: #ffffff;
    --crm-surface-2: #f8fafc;
    --crm-border: #d5dbe5;
    --crm-text: #172033;
    --crm-muted: #4a5568;
    --crm-accent: #1d4ed8;
    --crm-accent-hover: #1e40af;
    --crm-accent-soft: #e8efff;
    --crm-on-accent: #ffffff;
    --crm-danger: #b91c1c;
    --crm-danger-soft: #fdecec;
    --crm-success: #166534;
    --crm-success-soft: #e3f6e9;
    --crm-warning: #8a4b00;
    --crm-warning-soft: #fff4dc;
    --crm-focus: #f59e0b;
    --crm-radius: 10px;
    --crm-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%);
    --crm-chart-1: #1d4ed8;
    --crm-chart-2: #0f766e;
    --crm-chart-3: #b45309;
    --crm-chart-4: #b91c1c;

    display: block;
    min-height: 100%;
    background: var(--crm-bg);
    color: var(--crm-text);
    font: 15px/1.5 var(--crm-font);
    -webkit-font-smoothing: antialiased;
  }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1, h2, h3 { line-height: 1.25; margin: 0; }
  h1 { font-size: 1.6rem; font-weight: 700; letter-spacing: -0.01em; }
  h2 { font-size: 1.15rem; font-weight: 650; }
  h3 { font-size: 1rem; font-weight: 650; }
  p { margin: 0; }
  a { color: var(--crm-accent); }
  :focus-visible { outline: 3px solid var(--crm-focus); outline-offset: 2px; border-radius: 4px; }
  /* Headings take focus after navigation only so screen readers start there; no ring for that. */
  [tabindex='-1']:focus { outline: none; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
  .muted { color: var(--crm-muted); }
  .small { font-size: 0.875rem; }

  /* Shell */
  .skip { position: absolute; left: 1rem; top: -3rem; background: var(--crm-surface); padding: .5rem 1rem; z-index: 10; }
  .skip:focus { top: .5rem; }
  header.topbar {
    display: flex; align-items: center; gap: 1rem; padding: .75rem 1.5rem;
    background: var(--crm-surface); border-bottom: 1px solid var(--crm-border);
  }
  .brand { display: flex; align-items: center; gap: .6rem; font-weight: 700; }
  .brand-mark {
    min-width: 36px; height: 32px; padding: 0 6px; border-radius: 8px; display: grid; place-items: center;
    background: var(--crm-accent); color: var(--crm-on-accent); font-size: .72rem; letter-spacing: .04em;
  }
  .brand small { display: block; font-weight: 400; color: var(--crm-muted); font-size: .8rem; }
  .topbar .spacer { flex: 1; }
  .who { color: var(--crm-muted); font-size: .9rem; }
  nav.sections {
    display: flex; gap: .25rem; padding: 0 1.5rem; background: var(--crm-surface);
    border-bottom: 1px solid var(--crm-border); overflow-x: auto;
  }
  nav.sections a {
    padding: .7rem .9rem; color: var(--crm-muted); font-weight: 600; text-decoration: none; white-space: nowrap;
    border-bottom: 3px solid transparent;
  }
  nav.sections a:hover { color: var(--crm-text); }
  nav.sections a[aria-current='page'] { color: var(--crm-accent); border-bottom-color: var(--crm-accent); }
  main { max-width: 1120px; margin: 0 auto; padding: 1.75rem 1.5rem 4rem; }

  .segmented { display: inline-flex; border: 1px solid var(--crm-border); border-radius: 8px; overflow: hidden; }
  .segmented button {
    border: 0; border-radius: 0; background: var(--crm-surface); color: var(--crm-muted);
    padding: .35rem .7rem; font: inherit; font-size: .85rem; cursor: pointer; min-height: 32px;
  }
  .segmented button[aria-pressed='true'] { background: var(--crm-accent); color: var(--crm-on-accent); }

  /* Buttons and fields */
  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: .4rem;
    min-height: 40px; padding: .5rem 1rem; border-radius: 8px; cursor: pointer;
    font: inherit; font-weight: 600; text-decoration: none; white-space: nowrap;
    border: 1px solid var(--crm-border); background: var(--crm-surface); color: var(--crm-text);
  }
  .btn:hover { background: var(--crm-surface-2); }
  .btn.primary { background: var(--crm-accent); border-color: var(--crm-accent); color: var(--crm-on-accent); }
  .btn.primary:hover { background: var(--crm-accent-hover); }
  .btn.danger { background: var(--crm-danger); border-color: var(--crm-danger); color: #fff; }
  .btn.ghost { border-color: transparent; background: transparent; color: var(--crm-accent); }
  .btn.ghost:hover { background: var(--crm-accent-soft); }
  .btn.ghost.danger-text { color: var(--crm-danger); }
  .btn.ghost.danger-text:hover { background: var(--crm-danger-soft); }
  .btn.sm { min-height: 34px; padding: .3rem .65rem; font-size: .875rem; }
  .btn.icon { min-width: 36px; padding: .3rem .5rem; }
  .btn[disabled], .btn[aria-disabled="true"] { opacity: .55; cursor: not-allowed; }

  label, .label { display: block; font-weight: 600; margin-bottom: .3rem; }
  .hint { color: var(--crm-muted); font-size: .85rem; margin-top: .25rem; }
  .error-text { color: var(--crm-danger); font-size: .875rem; margin-top: .3rem; font-weight: 500; }
  input[type='text'], input[type='password'], input[type='search'], input[type='number'],
  input[type='datetime-local'], input[type='date'], select, textarea {
    width: 100%; font: inherit; color: var(--crm-text); background: var(--crm-surface);
    border: 1px solid #8792a6; border-radius: 8px; padding: .5rem .7rem; min-height: 40px;
  }
  textarea { resize: vertical; min-height: 72px; }
  input[aria-invalid='true'], textarea[aria-invalid='true'], select[aria-invalid='true'] {
    border-color: var(--crm-danger); box-shadow: 0 0 0 1px var(--crm-danger);
  }
  input[type='checkbox'], input[type='radio'] { width: 18px; height: 18px; accent-color: var(--crm-accent); margin: 0; }
  .check { display: inline-flex; align-items: center; gap: .5rem; font-weight: 500; margin: 0; cursor: pointer; }
  .field { margin-bottom: 1.1rem; }
  .grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.25rem; }
  fieldset { border: 0; padding: 0; margin: 0 0 1.1rem; min-width: 0; }
  legend { font-weight: 600; padding: 0; margin-bottom: .4rem; }
  .choices { display: flex; flex-wrap: wrap; gap: .6rem; }
  .choice-card {
    display: flex; gap: .6rem; align-items: flex-start; border: 1px solid var(--crm-border);
    border-radius: 8px; padding: .65rem .8rem; cursor: pointer; font-weight: 500; flex: 1 1 220px; margin: 0;
    background: var(--crm-surface);
  }
  .choice-card:has(input:checked) { border-color: var(--crm-accent); background: var(--crm-accent-soft); }
  .choice-card input { margin-top: .2rem; }
  .choice-card small { display: block; color: var(--crm-muted); font-weight: 400; }

  /* Cards, page heads */
  .page-head { display: flex; align-items: flex-start; gap: 1rem; margin-bottom: 1.5rem; flex-wrap: wrap; }
  .page-head .grow { flex: 1; min-width: 240px; }
  .page-head p { margin-top: .35rem; }
  .card {
    background: var(--crm-surface); border: 1px solid var(--crm-border); border-radius: var(--crm-radius);
    box-shadow: var(--crm-shadow); padding: 1.25rem 1.4rem; margin-bottom: 1.25rem;
  }
  .card > h2 { margin-bottom: 1rem; }
  .toolbar { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
  .toolbar .field { margin: 0; }
  .toolbar .search { flex: 1 1 240px; }
  .crumb { margin-bottom: .75rem; }

  .badge {
    display: inline-flex; align-items: center; gap: .35rem; padding: .15rem .6rem; border-radius: 999px;
    font-size: .8rem; font-weight: 600; white-space: nowrap;
  }
  .badge::before { content: ''; width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
  .badge.draft { background: #eceff3; color: #3b4454; }
  .badge.open { background: var(--crm-success-soft); color: var(--crm-success); }
  .badge.closed { background: #f1f1f4; color: #52525b; }
  .badge.scheduled { background: var(--crm-warning-soft); color: var(--crm-warning); }
  .kind { font-size: .85rem; color: var(--crm-muted); }

  .notice { border-radius: 8px; padding: .8rem 1rem; margin-bottom: 1rem; border: 1px solid; }
  .notice.error { background: var(--crm-danger-soft); border-color: #f3b4b4; color: #7f1d1d; }
  .notice.warning { background: var(--crm-warning-soft); border-color: #f2d49a; color: #5c3300; }
  .notice.info { background: var(--crm-accent-soft); border-color: #bfd0fb; color: #1e3a8a; }
  .notice.success { background: var(--crm-success-soft); border-color: #a7dcb8; color: #14532d; }
  .notice ul { margin: .4rem 0 0; padding-left: 1.2rem; }
  .notice strong { display: block; }
  .notice .btn { margin-top: .6rem; }

  /* Survey table */
  table.surveys, table.feedback, table.members { width: 100%; border-collapse: collapse; }
  :is(table.surveys, table.feedback, table.members) th { text-align: left; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--crm-muted); padding: .6rem .75rem; border-bottom: 1px solid var(--crm-border); }
  :is(table.surveys, table.feedback, table.members) td { padding: .85rem .75rem; border-bottom: 1px solid #e8ecf2; vertical-align: top; }
  :is(table.surveys, table.feedback, table.members) tr:last-child td { border-bottom: 0; }
  table.surveys .title-cell a { font-weight: 650; color: var(--crm-text); text-decoration: none; }
  table.surveys .title-cell a:hover { color: var(--crm-accent); text-decoration: underline; }
  :is(table.surveys, table.feedback, table.members) .num { font-variant-numeric: tabular-nums; font-weight: 600; }
  .actions { display: flex; flex-wrap: wrap; gap: .25rem; }
  .table-card { padding: .25rem .5rem; }
  .empty { text-align: center; padding: 3rem 1rem; }
  .empty h2 { margin-bottom: .5rem; }
  .empty .btn { margin-top: 1.25rem; }

  /* Builder */
  .question {
    border: 1px solid var(--crm-border); border-radius: var(--crm-radius); padding: 1rem 1.1rem;
    margin-bottom: 1rem; background: var(--crm-surface-2);
  }
  .question-head { display: flex; align-items: center; gap: .5rem; margin-bottom: .75rem; }
  .question-head h3 { flex: 1; }
  .q-grid { display: grid; grid-template-columns: 220px 1fr; gap: 0 1rem; }
  .option-row { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
  .option-row input { flex: 1; }
  .form-actions {
    position: sticky; bottom: 0; display: flex; gap: .75rem; align-items: center; justify-content: flex-end;
    background: rgb(244 246 250 / 92%); padding: .9rem 0; border-top: 1px solid var(--crm-border); backdrop-filter: blur(4px);
  }
  .form-actions .status { margin-right: auto; color: var(--crm-muted); }

  /* Results */
  .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 1rem; margin-bottom: 1.25rem; }
  .stat { background: var(--crm-surface); border: 1px solid var(--crm-border); border-radius: var(--crm-radius); padding: 1rem 1.2rem; box-shadow: var(--crm-shadow); }
  .stat .value { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .stat .label { color: var(--crm-muted); font-weight: 500; margin: 0; }
  .live-dot { display: inline-flex; align-items: center; gap: .4rem; font-size: .85rem; color: var(--crm-success); font-weight: 600; }
  .live-dot::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: currentColor; animation: pulse 1.6s infinite; }
  .live-dot.paused { color: var(--crm-muted); }
  .live-dot.paused::before { animation: none; }
  @keyframes pulse { 50% { opacity: .3; } }
  @media (prefers-reduced-motion: reduce) { .live-dot::before { animation: none; } }
  .chart-box { position: relative; width: 100%; }
  .result-table { width: 100%; border-collapse: collapse; margin-top: .75rem; font-size: .9rem; }
  .result-table th, .result-table td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e8ecf2; }
  .result-table td.n, .result-table th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .nps-split { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; margin: .75rem 0; }
  .nps-split div { border-radius: 8px; padding: .6rem .8rem; background: var(--crm-surface-2); border: 1px solid var(--crm-border); }
  .nps-split strong { display: block; font-size: 1.3rem; font-variant-numeric: tabular-nums; }
  .big { font-size: 2.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .texts { list-style: none; padding: 0; margin: 0; }
  .texts li { padding: .65rem .2rem; border-bottom: 1px solid #e8ecf2; white-space: pre-wrap; overflow-wrap: anywhere; }
  .texts time { display: block; color: var(--crm-muted); font-size: .8rem; }
  .q-meta { color: var(--crm-muted); font-size: .875rem; margin: .2rem 0 .75rem; }

  /* Suggestion box: inbox */
  .status-tabs { display: flex; flex-wrap: wrap; gap: .4rem; margin-bottom: 1rem; }
  .status-tabs .tab {
    display: inline-flex; align-items: center; gap: .4rem; min-height: 36px; padding: .3rem .8rem; border-radius: 999px;
    border: 1px solid var(--crm-border); background: var(--crm-surface); color: var(--crm-text); font: inherit; font-weight: 600; cursor: pointer;
  }
  .status-tabs .tab[aria-pressed='true'] { background: var(--crm-accent); border-color: var(--crm-accent); color: var(--crm-on-accent); }
  .status-tabs .count { font-variant-numeric: tabular-nums; font-weight: 500; opacity: .85; }
  .result-count { margin-bottom: .5rem; }
  :is(table.feedback, table.members) tbody tr { cursor: pointer; }
  :is(table.feedback, table.members) tbody tr:hover { background: var(--crm-surface-2); }
  :is(table.feedback, table.members) tbody tr:focus-within { background: var(--crm-accent-soft); }
  table.feedback .code-cell a { white-space: nowrap; font: 600 .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--crm-text); }
  table.feedback .code-cell span { display: block; }
  .snippet { overflow-wrap: anywhere; max-width: 38rem; }
  .tag {
    display: inline-block; margin-left: .35rem; padding: 0 .45rem; border-radius: 6px; font-size: .78rem;
    background: #eceff3; color: #3b4454; overflow-wrap: anywhere;
  }
  .pager { display: flex; align-items: center; justify-content: center; gap: 1rem; margin-top: .5rem; }
  .badge.fb-new { background: var(--crm-accent-soft); color: #1e3a8a; }
  .badge.fb-in_review { background: var(--crm-warning-soft); color: var(--crm-warning); }
  .badge.fb-planned { background: #f0e9ff; color: #5b21b6; }
  .badge.fb-done { background: var(--crm-success-soft); color: var(--crm-success); }
  .badge.fb-declined { background: #f1f1f4; color: #52525b; }

  /* Suggestion box: one item */
  .fb-layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 0 1.25rem; align-items: start; }
  .fb-text { white-space: pre-wrap; overflow-wrap: anywhere; }
  p.fb-text { margin: .4rem 0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: .75rem 0 0; }
  dl.facts dt { color: var(--crm-muted); font-weight: 600; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  dl.facts.compact { font-size: .85rem; gap: .1rem .75rem; margin-top: .5rem; }
  .public-reply { border-left: 3px solid var(--crm-accent); padding: .4rem .8rem; margin-bottom: 1rem; background: var(--crm-surface-2); }
  .choice-card.disabled { cursor: not-allowed; opacity: .7; }
  .timeline, .status-history { list-style: none; margin: 0; padding: 0; }
  .timeline li { border-left: 2px solid var(--crm-border); padding: .1rem 0 .9rem 1rem; position: relative; }
  .timeline li::before {
    content: ''; position: absolute; left: -6px; top: .45rem; width: 10px; height: 10px; border-radius: 50%;
    background: var(--crm-surface); border: 2px solid var(--crm-accent);
  }
  .timeline li[data-event='note']::before { border-color: var(--crm-warning); }
  .status-history li { display: flex; flex-wrap: wrap; align-items: center; gap: .2rem .5rem; padding: .25rem 0; }
  .inline { display: flex; gap: .5rem; }
  .inline input { flex: 1; }
  .fb-side fieldset .check { display: flex; margin-bottom: .4rem; align-items: flex-start; }
  .candidates { list-style: none; padding: 0; margin: .75rem 0 0; }
  .candidates li { display: flex; gap: .5rem; align-items: flex-start; justify-content: space-between; padding: .5rem 0; border-top: 1px solid #e8ecf2; }
  .candidates .snippet { display: block; }

  /* Suggestion box: measures */
  .stats.measures .stat .value { font-size: 1.7rem; }
  details.data-table { margin-top: .75rem; }
  details.data-table summary { cursor: pointer; color: var(--crm-accent); font-weight: 600; }
  details.data-table .scroll { overflow-x: auto; }

  /* Embed */
  textarea.code {
    font: 13px/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; min-height: 120px;
    background: #0f172a; color: #e2e8f0; border-color: #0f172a; white-space: pre; overflow-x: auto;
  }

  /* Sign-in */
  .signin-wrap { min-height: 100vh; display: grid; place-items: center; padding: 2rem 1rem; }
  .signin { width: min(420px, 100%); }
  .signin .brand { margin-bottom: 1.5rem; justify-content: center; }
  .signin h1 { font-size: 1.35rem; margin-bottom: .25rem; }
  .signin p.muted { margin-bottom: 1.25rem; }
  .signin .btn { width: 100%; }
  .signin .lang-row { display: flex; justify-content: center; margin-top: 1rem; }

  /* Dialog */
  dialog {
    border: 0; border-radius: 12px; padding: 1.5rem; width: min(460px, calc(100% - 2rem));
    color: var(--crm-text); box-shadow: 0 20px 50px rgb(15 23 42 / 30%);
  }
  dialog::backdrop { background: rgb(15 23 42 / 45%); }
  dialog h2 { margin-bottom: .6rem; }
  dialog .dialog-actions { display: flex; justify-content: flex-end; gap: .6rem; margin-top: 1.4rem; }

  .toast {
    position: fixed; right: 1.25rem; bottom: 1.25rem; max-width: 420px; z-index: 20;
    background: #172033; color: #fff; border-radius: 10px; padding: .8rem 1.1rem; box-shadow: 0 10px 30px rgb(15 23 42 / 30%);
  }
  .toast.error { background: var(--crm-danger); }
  .toast:empty { display: none; }

  /* Members */
  table.members .name-cell a { font-weight: 650; color: var(--crm-text); }
  .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
  .member-head { align-items: center; }
  .member-photo { width: 72px; height: 72px; border-radius: 50%; object-fit: cover; border: 1px solid var(--crm-border); }
  .member-head .badge { margin-left: .35rem; }
  .stats.compact { grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: .6rem; margin-bottom: .75rem; }
  .stats.compact .stat { padding: .6rem .8rem; box-shadow: none; }
  .stats.compact .stat .value { font-size: 1.5rem; }
  .top-list, .interest-list, .label-list { margin: .25rem 0 .75rem; padding-left: 1.25rem; }
  .interest-list, .label-list { list-style: none; padding: 0; }
  .interest-list li { display: grid; grid-template-columns: minmax(0, 1fr) 8rem 7rem; gap: .6rem; align-items: center; padding: .2rem 0; }
  .interest-list li > :last-child { text-align: right; }
  .label-list { display: flex; flex-wrap: wrap; gap: .25rem .5rem; }
  .label-list li { display: inline-flex; align-items: center; }
  .label-list .tag { margin-left: 0; }
  fieldset.kinds { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin-bottom: 1rem; }
  fieldset.kinds .check { margin: 0; }
  .timeline li[data-event='interaction']::before { border-color: var(--crm-warning); }
  .member-profile h3 { margin: 1.1rem 0 .4rem; font-size: 1rem; }
  .member-profile [data-save-labels] { margin-top: .75rem; }
  dl.facts.two-columns { grid-template-columns: max-content 1fr max-content 1fr; }
  .segment-count .big-number { margin: 0; display: grid; gap: .25rem; }
  .segment-count .big-number strong { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
  .segment-list ul { list-style: none; padding: 0; margin: 0; display: grid; gap: .35rem; }
  .segment-list a[aria-current='page'] { font-weight: 700; }
  .segment-members table.members { width: 100%; }
  @media (max-width: 1100px) { dl.facts.two-columns { grid-template-columns: max-content 1fr; } }

  @media (max-width: 860px) {
    main { padding: 1.25rem 1rem 4rem; }
    header.topbar { padding: .6rem 1rem; flex-wrap: wrap; }
    .who { display: none; }
    .grid-2, .q-grid { grid-template-columns: 1fr; }
    :is(table.surveys, table.feedback, table.members) thead { display: none; }
    :is(table.surveys, table.feedback, table.members), :is(table.surveys, table.feedback, table.members) :is(tbody, tr, td) { display: block; width: 100%; }
    :is(table.surveys, table.feedback, table.members) tr { padding: .75rem .25rem; border-bottom: 1px solid var(--crm-border); }
    :is(table.surveys, table.feedback, table.members) td { border: 0; padding: .2rem .5rem; }
    :is(table.surveys, table.feedback, table.members) td[data-label]::before { content: attr(data-label) ': '; color: var(--crm-muted); font-size: .85rem; }
    .fb-layout { grid-template-columns: 1fr; }
  }
`;
