<?php
/**
 * "Tampilkan di OPAC": widgets the librarian placed from the staff app (crm_placement, written by the sidecar)
 * put into OPAC pages without template edits, because SLiMS's own editors strip custom tags. The page's HTML
 * passes through an output buffer once, at the end of the request, and each widget goes in at a marker of the
 * theme that stands once per page (markers read off SLiMS 9.4.2 and 9.7.0's four themes), with its height
 * reserved so the page does not jump when it draws.
 */

namespace SlimsCrm;

final class Placement
{
    const WIDGETS = ['poll' => 'slims-poll', 'survey' => 'slims-survey', 'suggestion-box' => 'slims-suggestion-box', 'feedback-board' => 'slims-feedback-board'];

    /** OPAC pages that are not themed HTML (files, feeds, JSON, fragments): never buffered. */
    const NOT_HTML = ['fstream', 'fstream-pdf', 'multimediastream', 'fbinary', 'download_current_loan', 'download_loan_history',
        'download_member_loan_report', 'api', 'cite', 'peta', 'visitor', 'clustering', 'slims_crm_token', 'membercard'];

    /** Query parameters that turn an OPAC page into XML, RSS, JSON-LD or MARC. */
    const MACHINE_FORMATS = ['resultXML', 'rss', 'JSONLD', 'inXML', 'MARC'];

    /** A page bigger than this passes through untouched, in pieces: a download never piles up in memory. */
    const BUFFER_BYTES = 1048576;

    /**
     * What kind of OPAC page this request renders, as SLiMS's templates decide it; null for what is not a
     * themed HTML page (machine formats, streams, AJAX, posts). The caller keeps the command line out.
     *
     * @param array<string, mixed> $get
     * @param array<string, mixed> $server
     * @return array{kind: string, p: string|null, id: string|null}|null
     */
    public static function pageKind(array $get, array $server): ?array
    {
        if (strtoupper((string) ($server['REQUEST_METHOD'] ?? 'GET')) !== 'GET'
            || strtolower((string) ($server['HTTP_X_REQUESTED_WITH'] ?? '')) === 'xmlhttprequest') {
            return null;
        }
        foreach (self::MACHINE_FORMATS as $format) {
            if (isset($get[$format])) {
                return null;
            }
        }
        if (!isset($get['p'])) {
            return ['kind' => isset($get['search']) ? 'search' : 'home', 'p' => null, 'id' => null];
        }
        // SLiMS 9.7 routes on the part before the first slash, 9.4 strips slashes; a path with one is not ours.
        $p = is_string($get['p']) ? $get['p'] : '';
        if (!preg_match('/^[A-Za-z0-9_-]{1,40}$/', $p) || in_array($p, self::NOT_HTML, true) || strpos($p, 'download_') === 0) {
            return null;
        }
        if ($p === 'show_detail') {
            $id = isset($get['id']) && is_scalar($get['id']) ? (string) $get['id'] : '';
            return preg_match('/^\d{1,10}$/', $id) ? ['kind' => 'detail', 'p' => $p, 'id' => $id] : null;
        }
        if ($p === 'member') {
            return isset($get['logout']) || (($get['sec'] ?? '') === 'membercard') ? null : ['kind' => 'member', 'p' => $p, 'id' => null];
        }
        return ['kind' => 'page', 'p' => $p, 'id' => null];
    }

    /**
     * The placements that show on this page, from crm_placement joined to the poll or survey they show.
     * Missing table (the sidecar has not migrated yet) or any database problem: none.
     *
     * @param array{kind: string, p: string|null, id: string|null} $page
     * @return array<int, array{widget: string, slug: string|null, place: string, reserve: int}>
     */
    public static function forPage(array $page): array
    {
        try {
            $rows = Db::rows(
                // A draft poll is not public yet: its placement waits, rather than showing "not found".
                'SELECT p.widget, p.place, p.target, p.reserve_px, s.slug FROM crm_placement p'
                . " LEFT JOIN crm_survey s ON s.id = p.survey_id WHERE s.id IS NULL OR s.status <> 'draft' ORDER BY p.id"
            );
        } catch (\Throwable $e) {
            return [];
        }
        $shown = [];
        foreach ($rows as $row) {
            $widget = (string) ($row['widget'] ?? '');
            $place = (string) ($row['place'] ?? '');
            $target = $row['target'] === null ? null : (string) $row['target'];
            $slug = isset($row['slug']) ? (string) $row['slug'] : null;
            if (!isset(self::WIDGETS[$widget]) || (($widget === 'poll' || $widget === 'survey') && ($slug === null || !preg_match('/^[a-z0-9-]{1,64}$/', $slug)))) {
                continue;
            }
            $applies = ($place === 'footer' || $place === 'sidebar')
                || ($place === 'home' && $page['kind'] === 'home')
                || ($place === 'detail' && $page['kind'] === 'detail' && ($target === null || $target === $page['id']))
                || ($place === 'member' && $page['kind'] === 'member')
                || ($place === 'page' && $page['kind'] === 'page' && $target === $page['p']);
            if ($applies) {
                $shown[] = ['widget' => $widget, 'slug' => $slug, 'place' => $place, 'reserve' => max(0, min(3000, (int) $row['reserve_px']))];
            }
        }
        return $shown;
    }

    /**
     * The member area's widgets only for a member who is logged in (the login form is the same page).
     *
     * @param array<int, array{widget: string, slug: string|null, place: string, reserve: int}> $placements
     * @return array<int, array{widget: string, slug: string|null, place: string, reserve: int}>
     */
    public static function forVisitor(array $placements, bool $member): array
    {
        return array_values(array_filter($placements, static function ($placement) use ($member) {
            return $placement['place'] !== 'member' || $member;
        }));
    }

    /**
     * Starts a buffer whose $finish runs at the end on the whole page: the widgets placed in the OPAC (and the
     * head scripts on SLiMS 9.4), the CRM profile links on the admin's member screens. The buffer is left
     * alone unless it gets the page whole, as a 200 text/html answer that is no download: error pages,
     * redirects and files go out untouched. $what names the work in the log when it fails.
     *
     * @param callable(string): string $finish
     */
    public static function buffer(string $what, callable $finish): void
    {
        ob_start(static function ($html, $phase) use ($what, $finish) {
            $whole = PHP_OUTPUT_HANDLER_START | PHP_OUTPUT_HANDLER_FINAL;
            if (!is_string($html) || ($phase & $whole) !== $whole || ($phase & PHP_OUTPUT_HANDLER_CLEAN) !== 0 || !self::isHtmlAnswer()) {
                return $html;
            }
            return Guard::run($what, static function () use ($finish, $html) {
                return $finish($html);
            }, $html);
        }, self::BUFFER_BYTES);
    }

    private static function isHtmlAnswer(): bool
    {
        $code = http_response_code();
        if ($code !== false && $code !== 200) {
            return false;
        }
        $type = '';
        foreach (headers_list() as $header) {
            if (stripos($header, 'content-disposition:') === 0) {
                return false;
            }
            if (stripos($header, 'content-type:') === 0) {
                $type = $header;
            }
        }
        return $type === '' || stripos($type, 'text/html') !== false;
    }

    /**
     * Puts each widget into the page at its place's marker in this theme. A place whose marker the page lacks
     * (another theme, a page without that part) is skipped; sidebar widgets on a page without a side column
     * go above the footer instead.
     *
     * @param array<int, array{widget: string, slug: string|null, place: string, reserve: int}> $placements
     */
    public static function inject(string $html, string $theme, string $kind, array $placements, string $lang): string
    {
        if ($placements === [] || strpos($html, '</body>') === false) {
            return $html;
        }
        $byPlace = [];
        foreach ($placements as $placement) {
            $byPlace[$placement['place']][] = self::tag($placement, $lang);
        }
        $akasia = in_array($theme, ['akasia', 'akasia-dz', 'lightweight'], true);
        $footer = $akasia ? '<footer class="s-footer">' : '<footer class="py-4 bg-grey-darkest text-grey-lighter">';
        // The akasia family's footer bar is fixed over the page's background image: a panel of its own.
        $panel = $akasia ? ['<div class="container slims-crm-place" style="margin-bottom:64px"><div style="background:#fff;color:#333;text-align:left;padding:16px;border-radius:4px">', '</div></div>']
            : ['<div class="container slims-crm-place">', '</div>'];

        $sidebar = $byPlace['sidebar'] ?? [];
        if ($sidebar !== []) {
            $spot = $akasia ? self::afterOpeningTag($html, '<div class="col-lg-4 col-sm-3 col-xs-12') : self::defaultSideColumn($html, $kind);
            if ($spot !== null) {
                $html = self::insertAt($html, $spot, '<div class="slims-crm-place">' . implode('', $sidebar) . '</div>');
                $sidebar = [];
            }
        }
        $rules = [
            'home' => $akasia
                ? [self::beforeFirstAfter($html, '<main id="content" class="s-main" role="main">', '</main>'), $panel]
                : [self::before($html, '<div id="slims-home">'), ['<div class="container mt-5 slims-crm-place">', '</div>']],
            'detail' => $akasia
                ? [self::before($html, '<!-- Comment'), ['<div class="slims-crm-place">', '</div>']]
                : [self::beforeFirstAfter($html, '<div itemprop="associatedMedia">', '<h5'), ['<div class="slims-crm-place">', '</div>']],
            'member' => [self::before($html, '<ul class="nav nav-tabs nav-fill">'), ['<div class="slims-crm-place">', '</div>']],
            'page' => $akasia
                ? [self::afterOpeningTag($html, '<div class="col-lg-8 col-sm-9 col-xs-12'), ['<div class="slims-crm-place">', '</div>']]
                : [self::afterFirstAfter($html, '<section class="container mt-8">', '</h2><hr>'), ['<div class="slims-crm-place">', '</div>']],
        ];
        // From the end of the page to its start, so earlier offsets stay true.
        $inserts = [];
        $bottom = array_merge($sidebar, $byPlace['footer'] ?? []);
        if ($bottom !== []) {
            $inserts[] = [self::before($html, $footer), $panel[0] . implode('', $bottom) . $panel[1]];
        }
        foreach ($rules as $place => [$offset, $wrap]) {
            if (isset($byPlace[$place])) {
                $inserts[] = [$offset, $wrap[0] . implode('', $byPlace[$place]) . $wrap[1]];
            }
        }
        usort($inserts, static function ($a, $b) {
            return (int) $b[0] <=> (int) $a[0];
        });
        foreach ($inserts as [$offset, $markup]) {
            if ($offset !== null) {
                $html = self::insertAt($html, $offset, $markup);
            }
        }
        return $html;
    }

    /**
     * One widget: its tag with the OPAC's language and its height reserved inline (SLiMS's CSP allows inline
     * styles), so the space is there before the script runs.
     *
     * @param array{widget: string, slug: string|null, place: string, reserve: int} $placement
     */
    public static function tag(array $placement, string $lang): string
    {
        $tag = self::WIDGETS[$placement['widget']];
        $attributes = '';
        if ($placement['widget'] === 'poll' || $placement['widget'] === 'survey') {
            $attributes .= ' ' . $placement['widget'] . '="' . I18n::e((string) $placement['slug']) . '"';
        }
        if ($placement['widget'] === 'feedback-board') {
            // The first page a height can be kept for; the board's own paging shows the rest.
            $attributes .= ' page-size="3"';
        }
        $attributes .= ' lang="' . ($lang === 'en' ? 'en' : 'id') . '" style="display:block;min-height:' . $placement['reserve'] . 'px"';
        return '<' . $tag . $attributes . '></' . $tag . '>';
    }

    /**
     * The visitor's OPAC language as 'id' or 'en', as SLiMS decides it: the one they chose (the select_lang
     * cookie), else the library's default_lang; a language SLiMS has no translation for shows in English.
     */
    public static function opacLang(): string
    {
        global $sysconf;
        $chosen = isset($_COOKIE['select_lang']) && is_string($_COOKIE['select_lang']) ? basename($_COOKIE['select_lang']) : '';
        $locale = preg_match('/^[A-Za-z]{2,3}(_[A-Za-z]{2})?$/', $chosen) ? $chosen : (string) ($sysconf['default_lang'] ?? '');
        if (!preg_match('/^(id|ms)/i', $locale)) {
            return 'en';
        }
        return !defined('LANG') || is_file(LANG . 'locale/' . basename($locale) . '/LC_MESSAGES/messages.mo') ? 'id' : 'en';
    }

    /** The theme this page is drawn with (SLiMS swaps in lightweight for phones before plugins load). */
    public static function theme(): string
    {
        global $sysconf;
        $theme = $sysconf['template']['theme'] ?? 'default';
        return is_string($theme) ? $theme : 'default';
    }

    /** default theme: the side columns it has (search filters, the member area's, the login form's), or null. */
    private static function defaultSideColumn(string $html, string $kind): ?int
    {
        if ($kind !== 'member' && $kind !== 'search') {
            return null;
        }
        $content = strpos($html, 'id="member_content"');
        if ($content !== false) {
            $close = strrpos(substr($html, 0, $content), '</div>');
            return $close === false ? null : $close;
        }
        $login = strpos($html, '<div class="col-md-4"></div>');
        if ($login !== false) {
            return $login + strlen('<div class="col-md-4">');
        }
        if ($kind !== 'search') {
            return null;
        }
        $results = strpos($html, '<div class="col-md-9">');
        if ($results !== false) {
            // 9.7: the filter column closes just before the results column.
            $close = strrpos(substr($html, 0, $results), '</div>');
            return $close === false ? null : $close;
        }
        // 9.4: the results sidebar.
        return self::afterOpeningTag($html, '<div class="col-md-4">');
    }

    private static function before(string $html, string $marker): ?int
    {
        $at = strpos($html, $marker);
        return $at === false ? null : $at;
    }

    private static function beforeFirstAfter(string $html, string $anchor, string $marker): ?int
    {
        $start = strpos($html, $anchor);
        $at = $start === false ? false : strpos($html, $marker, $start + strlen($anchor));
        return $at === false ? null : $at;
    }

    private static function afterFirstAfter(string $html, string $anchor, string $marker): ?int
    {
        $at = self::beforeFirstAfter($html, $anchor, $marker);
        return $at === null ? null : $at + strlen($marker);
    }

    /** Just inside the element whose opening tag starts with $prefix. */
    private static function afterOpeningTag(string $html, string $prefix): ?int
    {
        $start = strpos($html, $prefix);
        $end = $start === false ? false : strpos($html, '>', $start);
        return $end === false ? null : $end + 1;
    }

    private static function insertAt(string $html, int $offset, string $markup): string
    {
        return substr($html, 0, $offset) . $markup . substr($html, $offset);
    }
}
