<?php
/**
 * Membership > CRM > CRM app: hosts the staff app (<slims-crm-admin>) with a short-lived staff token minted
 * from the SLiMS staff session, refreshed from ?slims_crm=token a minute before it expires.
 */

use SlimsCrm\Admin;
use SlimsCrm\I18n;
use SlimsCrm\Json;
use SlimsCrm\Settings;
use SlimsCrm\Staff;

defined('INDEX_AUTH') or die('Direct access is not allowed!');

require __DIR__ . '/admin_session.inc.php';

$slimsCrmCanRead = Admin::can('r');

if (($_GET['slims_crm'] ?? '') === 'token') {
    $slimsCrmToken = $slimsCrmCanRead ? Staff::token($_SESSION) : null;
    Json::respond(
        $slimsCrmToken !== null ? $slimsCrmToken : ['error' => ['code' => 'forbidden', 'message' => I18n::t('You don\'t have enough privileges to access this area!')]],
        $slimsCrmToken !== null ? 200 : 403
    );
    exit;
}

if (!$slimsCrmCanRead) {
    echo Admin::refusal();
    return;
}

$slimsCrmSidecar = Settings::sidecarUrl();
if ($slimsCrmSidecar === '') {
    echo '<div class="errorBox">' . I18n::h('The CRM is not configured yet: set the sidecar URL in CRM settings.') . '</div>';
    return;
}
$slimsCrmToken = Staff::token($_SESSION);
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
})(<?= Json::forScript($slimsCrmSidecar . '/widgets/slims-crm-admin.js') ?>);
</script>
<slims-crm-admin api="<?= I18n::e($slimsCrmSidecar) ?>" token="<?= I18n::e((string) ($slimsCrmToken['token'] ?? '')) ?>" lang="<?= I18n::e(I18n::lang()) ?>"></slims-crm-admin>
<script>
(function (url, expiresIn) {
  // SLiMS loads admin pages with AJAX: keep one timer, and stop once the element has left the page.
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
      .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)); })
      .then(function (body) { element.setAttribute('token', body.token); schedule(body.expiresIn); })
      .catch(function (error) {
        console.warn('[slims-crm] staff token refresh failed', error);
        clearTimeout(crm.staffTokenTimer);
        crm.staffTokenTimer = setTimeout(refresh, 30000);
      });
  }
  schedule(exp);
})(<?= Json::forScript(Admin::pageUrl(__FILE__, ['slims_crm' => 'token'])) ?>, <?= Json::forScript((int) ($slimsCrmToken['expiresIn'] ?? 0)) ?>);
</script>
