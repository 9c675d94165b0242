<?php
/**
 * Included by the admin pages: plugin_container.php does not start SLiMS's admin session, so start and
 * check it here the way SLiMS's own admin pages do. Included, not called, so SLiMS's files run in the
 * page's scope.
 */

defined('INDEX_AUTH') or die('Direct access is not allowed!');

if (defined('SB')) {
    if (session_status() !== PHP_SESSION_ACTIVE) {
        require SB . 'admin/default/session.inc.php';
    }
    if (defined('LIB') && !function_exists('do_checkIP')) {
        require LIB . 'ip_based_access.inc.php';
    }
    if (function_exists('do_checkIP')) {
        do_checkIP('smc');
        do_checkIP('smc-membership');
    }
    require SB . 'admin/default/session_check.inc.php';
}
