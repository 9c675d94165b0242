<?php
/**
 * Membership > CRM > CRM settings: the sidecar URL, the shared secret (only its last 4 characters are ever
 * shown) and a connection test against {sidecar}/api/v1/health. Needs membership write privilege.
 */

use SlimsCrm\Admin;
use SlimsCrm\I18n;
use SlimsCrm\Settings;

defined('INDEX_AUTH') or die('Direct access is not allowed!');

require __DIR__ . '/admin_session.inc.php';

if (!Admin::canConfigure()) {
    echo Admin::refusal();
    return;
}

$slimsCrmNotice = null; // [kind, text]
$slimsCrmHealth = null;
if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST' && isset($_POST['slims_crm_action'])) {
    if (!Admin::checkFormToken($_POST['slims_crm_form'] ?? null)) {
        $slimsCrmNotice = ['error', I18n::t('The form has expired; please try again.')];
    } elseif ($_POST['slims_crm_action'] === 'test') {
        if (Settings::sidecarUrl() === '') {
            $slimsCrmNotice = ['error', I18n::t('Set the sidecar URL first.')];
        } else {
            $slimsCrmHealth = Admin::health(Settings::sidecarUrl());
        }
    } else {
        $slimsCrmUrl = rtrim(trim((string) ($_POST['sidecarUrl'] ?? '')), '/');
        $slimsCrmSecret = trim((string) ($_POST['secret'] ?? ''));
        $slimsCrmChanges = ['sidecarUrl' => $slimsCrmUrl];
        if (!empty($_POST['newSecret'])) {
            $slimsCrmChanges['secret'] = Settings::newSecret();
        } elseif ($slimsCrmSecret !== '') {
            $slimsCrmChanges['secret'] = $slimsCrmSecret;
        }
        if ($slimsCrmUrl !== '' && !Settings::isValidUrl($slimsCrmUrl)) {
            $slimsCrmNotice = ['error', I18n::t('The sidecar URL must start with http:// or https://.')];
        } elseif (isset($slimsCrmChanges['secret']) && strlen($slimsCrmChanges['secret']) < 32) {
            $slimsCrmNotice = ['error', I18n::t('The secret must be at least 32 characters.')];
        } elseif (Settings::save($slimsCrmChanges)) {
            $slimsCrmNotice = ['success', I18n::t('Settings saved.')];
        } else {
            $slimsCrmNotice = ['error', I18n::t('The settings could not be saved.')];
        }
    }
}

$slimsCrmAction = Admin::pageUrl(__FILE__);
$slimsCrmToken = Admin::formToken();
$slimsCrmMasked = Settings::masked(Settings::secret());
?>
<div class="menuBox">
  <div class="menuBoxInner memberIcon">
    <div class="per_title"><h2><?= I18n::h('CRM settings') ?></h2></div>
  </div>
</div>
<?php if ($slimsCrmNotice !== null) { ?>
<div class="<?= $slimsCrmNotice[0] === 'success' ? 'infoBox' : 'errorBox' ?>" role="status"><?= I18n::e($slimsCrmNotice[1]) ?></div>
<?php } ?>
<form class="submitViaAJAX" method="post" action="<?= I18n::e($slimsCrmAction) ?>" autocomplete="off">
  <input type="hidden" name="slims_crm_form" value="<?= I18n::e($slimsCrmToken) ?>">
  <input type="hidden" name="slims_crm_action" value="save">
  <table class="s-table table">
    <tr>
      <td class="alterCell font-weight-bold"><label for="slimsCrmUrl"><?= I18n::h('Sidecar URL') ?></label></td>
      <td class="alterCell2">
        <input class="form-control" id="slimsCrmUrl" name="sidecarUrl" type="url" value="<?= I18n::e(Settings::sidecarUrl()) ?>" placeholder="https://crm.perpustakaan.go.id">
        <small><?= I18n::h('The address of the slims-crm sidecar, e.g. https://crm.library.example') ?></small>
      </td>
    </tr>
    <tr>
      <td class="alterCell font-weight-bold"><label for="slimsCrmSecret"><?= I18n::h('Shared secret') ?></label></td>
      <td class="alterCell2">
        <p><?= I18n::h('Ends with') ?> <code><?= I18n::e($slimsCrmMasked) ?></code></p>
        <input class="form-control" id="slimsCrmSecret" name="secret" type="password" value="" minlength="32" autocomplete="new-password" placeholder="<?= I18n::h('Replace the secret (leave empty to keep it)') ?>">
        <label><input type="checkbox" name="newSecret" value="1"> <?= I18n::h('Generate a new secret') ?></label>
        <br><small><?= I18n::h('Copy the same secret into the sidecar\'s CRM_SECRET.') ?></small>
      </td>
    </tr>
  </table>
  <input type="submit" class="btn btn-primary" value="<?= I18n::h('Save') ?>">
</form>
<form class="submitViaAJAX" method="post" action="<?= I18n::e($slimsCrmAction) ?>">
  <input type="hidden" name="slims_crm_form" value="<?= I18n::e($slimsCrmToken) ?>">
  <input type="hidden" name="slims_crm_action" value="test">
  <input type="submit" class="btn btn-default" value="<?= I18n::h('Test connection') ?>">
</form>
<?php if ($slimsCrmHealth !== null) { ?>
<table class="s-table table" id="slimsCrmHealth">
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Status') ?></td>
      <td class="alterCell2"><?= I18n::h($slimsCrmHealth['ok'] ? 'Connected' : 'Not connected') ?>
      <?= I18n::e(trim(($slimsCrmHealth['httpStatus'] !== null ? 'HTTP ' . $slimsCrmHealth['httpStatus'] : '') . ' ' . (string) $slimsCrmHealth['status'])) ?></td></tr>
<?php if ($slimsCrmHealth['error'] !== null) { ?>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Error') ?></td><td class="alterCell2"><?= I18n::e($slimsCrmHealth['error']) ?></td></tr>
<?php } ?>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Version') ?></td><td class="alterCell2"><?= I18n::e((string) $slimsCrmHealth['version']) ?></td></tr>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Database') ?></td>
      <td class="alterCell2"><?= $slimsCrmHealth['database'] === null ? '' : ($slimsCrmHealth['database'] ? 'OK' : I18n::h('Error')) ?></td></tr>
  <tr><td class="alterCell font-weight-bold"><?= I18n::h('Clock difference') ?></td>
      <td class="alterCell2"><?php if ($slimsCrmHealth['clockDifference'] !== null) { ?>
        <?= I18n::e(sprintf('%+d', $slimsCrmHealth['clockDifference'])) ?> <?= I18n::h('seconds') ?>
        <?php if (abs($slimsCrmHealth['clockDifference']) > 60) { ?><div class="errorBox"><?= I18n::h('The clocks differ by more than 60 seconds: tokens will be refused. Fix the server time.') ?></div><?php } ?>
      <?php } ?></td></tr>
</table>
<?php } ?>
