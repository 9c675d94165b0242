<?php
// Widgets placed from the staff app: which pages are touched, where each place lands in each theme family,
// and that the markup reserves the widget's height and carries the OPAC's language. The real themes are
// checked in a real SLiMS (test/plugin/slims.test.ts); these pages hold only the themes' markers.

use SlimsCrm\Placement;

const DEFAULT_THEME_PAGE = '<html><head></head><body><div id="search-wraper"></div><div id="slims-home">topics</div>'
    . '<section class="container mt-8"><h2 class="mb-4">Info</h2><hr><p>text</p></section>'
    . '<div itemprop="associatedMedia">files</div><h5 class="mt-4 mb-1">Comments</h5><footer class="blockquote-footer">authors</footer>'
    . '<footer class="py-4 bg-grey-darkest text-grey-lighter">footer</footer></body></html>';

const AKASIA_PAGE = '<html lang="en"><head></head><body><main id="content" class="s-main" role="main">search</main>'
    . '<div class="row"><div class="col-lg-8 col-sm-9 col-xs-12 animated fadeInUp delay2">main<!-- Comment --></div>'
    . '<div class="col-lg-4 col-sm-3 col-xs-12 animated fadeInUp delay4">side</div></div><footer class="s-footer">bar</footer></body></html>';

function placed(string $widget, string $place, ?string $slug = null, int $reserve = 300): array
{
    return ['widget' => $widget, 'slug' => $slug, 'place' => $place, 'reserve' => $reserve];
}

test('page kinds: home, search, detail, member, a page; machine formats, streams, posts and AJAX untouched', static function () {
    $get = static function (array $query, array $server = []) {
        return Placement::pageKind($query, $server + ['REQUEST_METHOD' => 'GET']);
    };
    same('home', $get([])['kind']);
    same('search', $get(['search' => 'search', 'keywords' => 'x'])['kind']);
    same(['kind' => 'detail', 'p' => 'show_detail', 'id' => '12'], $get(['p' => 'show_detail', 'id' => '12']));
    same('member', $get(['p' => 'member'])['kind']);
    same(['kind' => 'page', 'p' => 'libinfo', 'id' => null], $get(['p' => 'libinfo']));
    foreach ([['search' => '1', 'rss' => '1'], ['p' => 'show_detail', 'id' => '1', 'inXML' => 'true'], ['JSONLD' => '1'], ['p' => 'fstream', 'fid' => '1'],
        ['p' => 'download_loan_history'], ['p' => 'api/biblio/popular'], ['p' => 'member', 'sec' => 'membercard'], ['p' => 'member', 'logout' => '1'],
        ['p' => 'show_detail', 'id' => 'x'], ['p' => ['a']]] as $query) {
        same(null, $get($query), json_encode($query));
    }
    same(null, $get([], ['REQUEST_METHOD' => 'POST']));
    same(null, $get([], ['HTTP_X_REQUESTED_WITH' => 'XMLHttpRequest']));
});

test('default theme: home outside Vue\'s root, detail above the comments, a page under its title, footer above the real footer', static function () {
    $html = Placement::inject(DEFAULT_THEME_PAGE, 'default', 'home', [
        placed('poll', 'home', 'jam-buka', 330), placed('feedback-board', 'footer'), placed('survey', 'detail', 'kepuasan'), placed('suggestion-box', 'page'),
    ], 'en');
    ok(strpos($html, '<slims-poll poll="jam-buka" lang="en" style="display:block;min-height:330px"></slims-poll></div><div id="slims-home">') !== false, 'home: ' . $html);
    $survey = strpos($html, '<slims-survey survey="kepuasan" lang="en"');
    ok($survey !== false && $survey < strpos($html, '<h5 class="mt-4 mb-1">Comments'), 'detail before comments');
    ok($survey > strpos($html, 'itemprop="associatedMedia"'), 'detail after the attachments');
    ok(strpos($html, '</h2><hr><div class="slims-crm-place"><slims-suggestion-box') !== false, 'page under its title');
    ok(strpos($html, '<slims-feedback-board page-size="3" lang="en" style="display:block;min-height:300px"></slims-feedback-board></div><footer class="py-4') !== false, 'footer: ' . $html);
    same(1, substr_count($html, '<slims-feedback-board'), 'not before the authors\' <footer>');
});

test('akasia family: a panel of its own above the fixed footer bar, the side column, home inside <main>', static function () {
    foreach (['akasia', 'akasia-dz', 'lightweight'] as $theme) {
        $html = Placement::inject(AKASIA_PAGE, $theme, 'page', [placed('feedback-board', 'footer'), placed('poll', 'sidebar', 'jam-buka'), placed('survey', 'home', 'kepuasan'), placed('poll', 'detail', 'jam-buka')], 'id');
        ok(strpos($html, 'delay4"><div class="slims-crm-place"><slims-poll poll="jam-buka" lang="id"') !== false, $theme . ' sidebar: ' . $html);
        ok(preg_match('#margin-bottom:64px"><div style="background:\#fff[^"]*"><slims-feedback-board[^>]*></slims-feedback-board></div></div><footer class="s-footer">#', $html) === 1, $theme . ' footer');
        ok(strpos($html, '<slims-survey survey="kepuasan" lang="id" style="display:block;min-height:300px"></slims-survey></div></div></main>') !== false, $theme . ' home');
        ok(strpos($html, '<slims-poll poll="jam-buka" lang="id" style="display:block;min-height:300px"></slims-poll></div><!-- Comment') !== false, $theme . ' detail');
    }
});

test('sidebar widgets on a default-theme page without a side column go above the footer', static function () {
    $html = Placement::inject(DEFAULT_THEME_PAGE, 'default', 'page', [placed('poll', 'sidebar', 'jam-buka'), placed('feedback-board', 'footer')], 'id');
    ok(preg_match('#<div class="container slims-crm-place"><slims-poll[^>]*></slims-poll><slims-feedback-board[^>]*></slims-feedback-board></div><footer class="py-4#', $html) === 1, $html);
});

test('a place whose marker the page lacks is skipped, and a page that is no HTML document is left as it is', static function () {
    same('<p>fragment</p>', Placement::inject('<p>fragment</p>', 'default', 'home', [placed('poll', 'home', 'a')], 'id'));
    $html = Placement::inject('<html><body>custom theme</body></html>', 'mytheme', 'home', [placed('poll', 'home', 'a'), placed('poll', 'footer', 'b')], 'id');
    same('<html><body>custom theme</body></html>', $html);
});

test('a slug is escaped and a reserved height bounded', static function () {
    same('<slims-poll poll="a&quot;&gt;&lt;script&gt;" lang="id" style="display:block;min-height:300px"></slims-poll>', Placement::tag(placed('poll', 'home', 'a"><script>'), 'id'));
});

test('the visitor\'s chosen OPAC language wins over the library default, when SLiMS has it', static function () {
    global $sysconf;
    if (!defined('LANG')) {
        define('LANG', sys_get_temp_dir() . '/slims-crm-lang-' . getmypid() . '/');
    }
    // SLiMS's Indonesian translation is installed; its Malay one is not.
    if (!is_dir(LANG . 'locale/id_ID/LC_MESSAGES')) {
        mkdir(LANG . 'locale/id_ID/LC_MESSAGES', 0777, true);
    }
    touch(LANG . 'locale/id_ID/LC_MESSAGES/messages.mo');
    $sysconf = ['default_lang' => 'en_US'];
    $_COOKIE = [];
    same('en', Placement::opacLang());
    $_COOKIE['select_lang'] = 'id_ID';
    same('id', Placement::opacLang());
    $_COOKIE['select_lang'] = 'ms_MY';
    same('en', Placement::opacLang(), 'no translation installed: SLiMS shows English');
    $_COOKIE['select_lang'] = '../../etc/passwd';
    same('en', Placement::opacLang());
    $sysconf = ['default_lang' => 'id_ID'];
    $_COOKIE = [];
    same('id', Placement::opacLang());
    $_COOKIE = [];
});

test('the member area\'s widgets show to a logged-in member only; the other places to everyone', static function () {
    $placements = [placed('poll', 'member', 'a'), placed('feedback-board', 'footer')];
    same(['member', 'footer'], array_column(Placement::forVisitor($placements, true), 'place'));
    same(['footer'], array_column(Placement::forVisitor($placements, false), 'place'));
    $html = Placement::inject('<html><body><ul class="nav nav-tabs nav-fill"></ul></body></html>', 'akasia', 'member', Placement::forVisitor($placements, true), 'id');
    $poll = strpos($html, '<slims-poll poll="a" lang="id"');
    ok($poll !== false && $poll < strpos($html, '<ul class="nav nav-tabs nav-fill">'), 'above the member area\'s tabs: ' . $html);
});
