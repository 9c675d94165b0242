<?php
/**
 * Membership > CRM > CRM settings: the sidecar URL, the shared secret the plugin generated (only its last 4
 * characters are ever shown; the sidecar reads it from SLiMS's database by itself), the one command that
 * starts the sidecar, and a connection test that proves both sides hold the same secret.
 * Needs System write privilege (see Admin::canConfigure).
 */

use SlimsCrm\Admin;
use SlimsCrm\Db;
use SlimsCrm\Guard;
use SlimsCrm\I18n;
use SlimsCrm\Settings;
use SlimsCrm\Webhook;

defined('INDEX_AUTH') or die('Direct access is not allowed!');

require __DIR__ . '/admin_session.inc.php';

echo Admin::page('the settings page', static function () {
    if (!Admin::canConfigure()) {
        echo Admin::refusal();
        return;
    }

    $notice = null; // [kind, text]
    $health = null;
    $ping = null;
    if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST' && isset($_POST['slims_crm_action'])) {
        if (!Admin::checkFormToken($_POST['slims_crm_form'] ?? null)) {
            $notice = ['error', I18n::t('The form has expired; please try again.')];
        } elseif ($_POST['slims_crm_action'] === 'test') {
            if (Settings::sidecarUrl() === '') {
                $notice = ['error', I18n::t('Set the sidecar URL first.')];
            } else {
                $health = Admin::health(Settings::sidecarUrl());
                $ping = Admin::ping(Settings::sidecarUrl(), Settings::secret());
                if ($ping['paired']) {
                    // Webhooks paused after an earlier silence may go again at once.
                    Webhook::resume(Settings::sidecarUrl());
                }
            }
        } else {
            $url = rtrim(trim((string) ($_POST['sidecarUrl'] ?? '')), '/');
            $changes = ['sidecarUrl' => $url];
            if (!empty($_POST['newSecret'])) {
                $changes['secret'] = Settings::newSecret();
            }
            if ($url !== '' && !Settings::isValidUrl($url)) {
                $notice = ['error', I18n::t('The sidecar URL must start with http:// or https://.')];
            } elseif (Settings::save($changes)) {
                $notice = ['success', isset($changes['secret'])
                    ? I18n::t('Settings saved. The sidecar picks up the new secret by itself; staff and members signed in through the sidecar sign in again.')
                    : I18n::t('Settings saved.')];
            } else {
                $notice = ['error', I18n::t('The settings could not be saved.')];
            }
        }
    }

    $action = Admin::pageUrl(__FILE__);
    $formToken = Admin::formToken();
    $secret = Settings::secret();
    $sidecarUrl = Settings::sidecarUrl();
    $database = Guard::attempt(static function () {
        return (string) (Db::rows('SELECT DATABASE() AS name')[0]['name'] ?? '');
    });
    $https = !empty($_SERVER['HTTPS']) && strtolower((string) $_SERVER['HTTPS']) !== 'off';
    $opacOrigin = ($https ? 'https://' : 'http://') . (string) ($_SERVER['HTTP_HOST'] ?? 'localhost');
    $command = "CRM_DATABASE_URL='mysql://slims_crm:PASSWORD@127.0.0.1:3306/" . ($database ?: 'slims') . "' \\\n"
        . "CRM_PUBLIC_URL='" . ($sidecarUrl !== '' ? $sidecarUrl : 'http://' . preg_replace('/:\d+$/', '', (string) ($_SERVER['HTTP_HOST'] ?? 'localhost')) . ':3000') . "' \\\n"
        . "CRM_ALLOWED_ORIGINS='" . $opacOrigin . "' \\\n"
        . 'npm start';
    ?>
<div class="menuBox">
  <div class="menuBoxInner memberIcon">
    <div class="per_title"><h2><?= I18n::h('CRM settings') ?></h2></div>
  </div>
</div>
<?php if ($notice !== null) { ?>
<div class="<?= $notice[0] === 'success' ? 'infoBox' : 'errorBox' ?>" role="status" id="slimsCrmNotice"><?= I18n::e($notice[1]) ?></div>
<?php } ?>
<form class="submitViaAJAX" method="post" action="<?= I18n::e($action) ?>" autocomplete="off">
  <input type="hidden" name="slims_crm_form" value="<?= I18n::e($formToken) ?>">
  <input type="hidden" name="slims_crm_action" value="save">
  <table class="s-table table">
    <tr>
      <td class="alterCell font-weight-bold"><label for="slimsCrmUrl"><?= I18n::h('Sidecar URL') ?></label></td>
      <td class="alterCell2">
        <input class="form-control" id="slimsCrmUrl" name="sidecarUrl" type="url" value="<?= I18n::e($sidecarUrl) ?>" placeholder="https://crm.perpustakaan.go.id">
        <small><?= I18n::h('The address of the slims-crm sidecar as readers\' browsers reach it: the same as its CRM_PUBLIC_URL.') ?></small>
      </td>
    </tr>
    <tr>
      <td class="alterCell font-weight-bold"><?= I18n::h('Shared secret') ?></td>
      <td class="alterCell2">
        <p><?= I18n::h('Made by this plugin and kept in SLiMS\'s database, where the sidecar reads it by itself: nothing to copy.') ?>
          <?= I18n::h('Ends with') ?> <code id="slimsCrmSecretEnd"><?= I18n::e(Settings::masked($secret)) ?></code></p>
        <label><input type="checkbox" name="newSecret" value="1"> <?= I18n::h('Generate a new secret') ?></label>
      </td>
    </tr>
  </table>
  <input type="submit" class="btn btn-primary" value="<?= I18n::h('Save') ?>">
</form>
<h3><?= I18n::h('Start the sidecar') ?></h3>
<p><?= I18n::h('On the server, in the slims-crm folder, with the sidecar\'s own database user (npm run doctor prints how to make it). Leave CRM_SECRET out.') ?></p>
<pre id="slimsCrmCommand"><?= I18n::e($command) ?></pre>
<form class="submitViaAJAX" method="post" action="<?= I18n::e($action) ?>">
  <input type="hidden" name="slims_crm_form" value="<?= I18n::e($formToken) ?>">
  <input type="hidden" name="slims_crm_action" value="test">
  <input type="submit" class="btn btn-default" value="<?= I18n::h('Test connection') ?>">
</form>
<?php if ($health !== null && $ping !== null) { ?>
<table class="s-table table" id="slimsCrmHealth">
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Status') ?></td>
      <td class="alterCell2" id="slimsCrmStatus" data-paired="<?= $ping['paired'] ? '1' : '0' ?>"><strong><?= I18n::h($ping['paired'] && $health['ok'] ? 'Connected' : 'Not connected') ?></strong>
      <?php if ($ping['paired']) { ?> · <?= I18n::h('Both sides hold the same secret.') ?><?php } ?></td></tr>
<?php if ($ping['problem'] !== null) { ?>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('What to do') ?></td><td class="alterCell2"><div class="errorBox" id="slimsCrmProblem"><?= I18n::e($ping['problem']) ?></div></td></tr>
<?php } ?>
<?php if ($health['error'] !== null) { ?>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Error') ?></td><td class="alterCell2"><?= I18n::e($health['error']) ?></td></tr>
<?php } ?>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Version') ?></td><td class="alterCell2"><?= I18n::e((string) $health['version']) ?></td></tr>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Database') ?></td>
      <td class="alterCell2"><?= $health['database'] === null ? '' : ($health['database'] ? 'OK' : I18n::h('Error')) ?></td></tr>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Clock difference') ?></td>
      <td class="alterCell2"><?php if ($health['clockDifference'] !== null) { ?>
        <?= I18n::e(sprintf('%+d', $health['clockDifference'])) ?> <?= I18n::h('seconds') ?>
        <?php if (abs($health['clockDifference']) > 60) { ?><div class="errorBox"><?= I18n::h('The clocks differ by more than 60 seconds: tokens will be refused. Fix the server time.') ?></div><?php } ?>
      <?php } ?></td></tr>
</table>
<?php }
});
