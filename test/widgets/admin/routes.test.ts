// The staff app's hash routes as strings: every view formats to a fragment that parses back to it,
// filters at their defaults stay out of the URL, and anything unknown is the surveys list.
import { formatRoute, parseRoute, routeFromUrl, type Route } from '../../../widgets/admin/routes.ts';
import { deepEqual, equal } from './helpers.ts';

const page = 'https://slims.example/admin/index.php?mod=membership';

describe('staff app routes', () => {
  it('formats every view and parses it back', () => {
    const cases: [Route, string][] = [
      [{ view: 'list' }, '#/surveys'],
      [{ view: 'new' }, '#/surveys/new'],
      [{ view: 'edit', id: 12 }, '#/surveys/12/edit'],
      [{ view: 'results', id: 12 }, '#/surveys/12/results'],
      [{ view: 'embed', id: 12 }, '#/surveys/12/embed'],
      [{ view: 'feedback' }, '#/feedback'],
      [{ view: 'feedback', filters: { status: 'new' } }, '#/feedback?status=new'],
      [{ view: 'feedback-item', id: 34 }, '#/feedback/34'],
      [{ view: 'feedback-measures' }, '#/measures'],
      [{ view: 'placements' }, '#/placements'],
    ];
    for (const [route, hash] of cases) {
      equal(formatRoute(route), hash, JSON.stringify(route));
      deepEqual(routeFromUrl(page + hash), route, hash);
    }
  });

  it('carries the inbox filters, leaving defaults out, and reads back only values it knows', () => {
    const hash = formatRoute({
      view: 'feedback',
      filters: { status: 'in_review', kind: '', q: 'jam buka & AC', sort: 'newest', page: 1, assigned: 'none' },
    });
    equal(hash, '#/feedback?status=in_review&assigned=none&q=jam+buka+%26+AC');
    deepEqual(routeFromUrl(page + hash), {
      view: 'feedback',
      filters: { status: 'in_review', assigned: 'none', q: 'jam buka & AC' },
    });
    deepEqual(parseRoute('/feedback?status=lost&kind=praise&published=2&sort=votes&page=0&assigned=x'), {
      view: 'feedback',
      filters: { kind: 'praise', sort: 'votes' },
    });
    deepEqual(parseRoute('/feedback?status=nope'), { view: 'feedback' });
  });

  it('opens the surveys list for unknown or malformed routes', () => {
    for (const fragment of [
      '/',
      '/nope',
      '/surveys/abc/edit',
      '/surveys/0/edit',
      '/surveys/12',
      '/surveys/12/drop',
      '/feedback/-1',
      '/feedback/1/2',
      '/measures/x',
      '//',
      '/surveys/1e3/edit',
    ])
      deepEqual(parseRoute(fragment), { view: 'list' }, fragment);
    deepEqual(routeFromUrl(page), { view: 'list' }, 'no fragment at all');
  });

  it('leaves fragments that are not routes alone (the host page’s own anchors)', () => {
    equal(routeFromUrl(`${page}#main`), null);
    equal(routeFromUrl(`${page}#`), null);
  });
});
