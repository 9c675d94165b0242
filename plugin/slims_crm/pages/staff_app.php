<?php
/**
 * Membership > CRM > CRM app: hosts the staff app (<slims-crm-admin>) with a short-lived staff token minted
 * from the SLiMS staff session, renewed from ?slims_crm=token a minute before it runs out (and at once when
 * the app reports a refused token), for as long as the SLiMS session lasts.
 */

use SlimsCrm\Admin;
use SlimsCrm\Guard;
use SlimsCrm\I18n;
use SlimsCrm\Json;
use SlimsCrm\ProfileLink;
use SlimsCrm\Settings;
use SlimsCrm\Staff;

defined('INDEX_AUTH') or die('Direct access is not allowed!');

require __DIR__ . '/admin_session.inc.php';

if (($_GET['slims_crm'] ?? '') === 'token') {
    $slimsCrmToken = Guard::run('minting a staff token', static function () {
        return Admin::can('r') ? Staff::token($_SESSION) : null;
    });
    Json::respond(
        $slimsCrmToken !== null ? $slimsCrmToken : ['error' => ['code' => 'forbidden', 'message' => I18n::t('You don\'t have enough privileges to access this area!')]],
        $slimsCrmToken !== null ? 200 : 403
    );
    exit;
}

echo Admin::page('the staff app page', static function () {
    if (!Admin::can('r')) {
        echo Admin::refusal();
        return;
    }
    $sidecar = Settings::sidecarUrl();
    if ($sidecar === '') {
        echo '<div class="errorBox">' . I18n::h('The CRM is not configured yet: set the sidecar URL in CRM settings.') . '</div>';
        return;
    }
    $token = Staff::token($_SESSION);
    // Opened from "Profil CRM" on SLiMS's member list or edit form (lib/ProfileLink.php).
    $member = is_string($_GET['member'] ?? null) ? trim($_GET['member']) : '';
    ?>
<div class="menuBox">
  <div class="menuBoxInner memberIcon">
    <div class="per_title"><h2><?= I18n::h('CRM app') ?></h2></div>
  </div>
</div>
<script>
(function (src) {
  // SLiMS opens admin pages with jQuery 2 .html(), which runs classic scripts but silently drops
  // module scripts: add the module script from here, once per page.
  if (window.customElements && window.customElements.get('slims-crm-admin')) return;
  var scripts = document.getElementsByTagName('script');
  for (var i = 0; i < scripts.length; i++) if (scripts[i].type === 'module' && scripts[i].src === src) return;
  var script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  document.head.appendChild(script);
})(<?= Json::forScript($sidecar . '/widgets/slims-crm-admin.js') ?>);
</script>
<?php if (ProfileLink::isCardNumber($member)) { ?>
<script>
(function (member) {
  // The app opens the view its page's URL names: that member's profile. The fragment is replaced, not added,
  // so Back leaves the app as it would have without the link; an app already on the page follows the change.
  var hash = '#/members/' + encodeURIComponent(member);
  if (location.hash !== hash) location.replace(location.href.split('#')[0] + hash);
})(<?= Json::forScript($member) ?>);
</script>
<?php } ?>
<slims-crm-admin api="<?= I18n::e($sidecar) ?>" token="<?= I18n::e((string) ($token['token'] ?? '')) ?>" lang="<?= I18n::e(I18n::lang()) ?>" host="slims"></slims-crm-admin>
<script>
(function (url, expiresIn, ended) {
  // SLiMS loads admin pages with AJAX: keep one timer and one listener, and stop once the element has left the page.
  var crm = window.SlimsCRM = window.SlimsCRM || {};
  // Seconds from now, counted on this page's own clock: a library PC's wrong clock cannot skew it.
  function schedule(seconds) {
    clearTimeout(crm.staffTokenTimer);
    crm.staffTokenTimer = setTimeout(refresh, Math.max(5, seconds - 60) * 1000);
  }
  function refresh() {
    var element = document.querySelector('slims-crm-admin');
    if (!element) return;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        // SLiMS answers a page whose session ended with its sign-in form, not JSON.
        var json = /json/.test(response.headers.get('Content-Type') || '');
        if (response.ok && json) return response.json();
        if (response.status === 403 || !json) return Promise.reject({ ended: true });
        return Promise.reject(new Error('HTTP ' + response.status));
      })
      .then(function (body) { element.setAttribute('token', body.token); schedule(body.expiresIn); })
      .catch(function (error) {
        if (error && error.ended) {
          element.setAttribute('host-ended', ended);
          return;
        }
        console.warn('[slims-crm] staff token refresh failed', error);
        clearTimeout(crm.staffTokenTimer);
        crm.staffTokenTimer = setTimeout(refresh, 30000);
      });
  }
  if (!crm.staffTokenListener) {
    crm.staffTokenListener = true;
    // The app had a call refused (the token ran out while the PC slept, say): renew now.
    document.addEventListener('slims-admin-token-expired', function () { refresh(); });
  }
  schedule(expiresIn);
})(<?= Json::forScript(Admin::pageUrl(__FILE__, ['slims_crm' => 'token'])) ?>, <?= Json::forScript((int) ($token['expiresIn'] ?? 0)) ?>,
   <?= Json::forScript(I18n::t('Your SLiMS session has ended. Sign in to SLiMS again to go on using the CRM.')) ?>);
</script>
    <?php
});
