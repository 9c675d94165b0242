<?php
/**
 * Loads the plugin's library; no side effects beyond defining classes.
 */

foreach (['Guard', 'Json', 'I18n', 'Db', 'Token', 'Http', 'Webhook', 'Settings', 'Csp', 'Staff', 'Placement', 'Member', 'Hooks', 'Admin', 'ProfileLink'] as $slimsCrmClass) {
    require_once __DIR__ . '/' . $slimsCrmClass . '.php';
}
unset($slimsCrmClass);
