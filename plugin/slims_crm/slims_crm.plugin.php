<?php
/**
 * Plugin Name: SLiMS CRM
 * Plugin URI: https://github.com/slims-crm/slims-crm
 * Description: Surveys, polls and member engagement for SLiMS: the CRM staff app inside SLiMS's admin, the CRM widgets in the OPAC with the logged-in member recognised, and circulation, member and biblio events forwarded to the slims-crm sidecar. / Survei, jajak pendapat dan keterlibatan anggota untuk SLiMS.
 * Version: 0.1.0
 * Author: slims-crm
 * Author URI: https://github.com/slims-crm
 */

// Registrations only; the work is in lib/ and pages/. Feature-detected for SLiMS 9.4.2 to 9.7. This file runs
// in every SLiMS request, so each registration and each handler is guarded (lib/Guard.php): whatever fails
// is logged with the [slims-crm] prefix and SLiMS carries on.

use SLiMS\Plugins;
use SlimsCrm\Guard;
use SlimsCrm\Hooks;
use SlimsCrm\I18n;
use SlimsCrm\Member;
use SlimsCrm\ProfileLink;

require_once __DIR__ . '/lib/autoload.php';

$slimsCrm = Guard::run('finding SLiMS\'s plugin registry', static function () {
    return Plugins::getInstance();
});
if (is_object($slimsCrm)) {
    // Each registration on its own: one that fails (and is logged) leaves the others in place, and never
    // escapes from inside Plugins::group(), which would leave SLiMS's menu group open for the next plugin.
    $slimsCrmMenus = static function () use ($slimsCrm) {
        foreach (['CRM app' => 'staff_app.php', 'CRM settings' => 'settings.php'] as $label => $page) {
            Guard::run('registering the page ' . $page, static function () use ($slimsCrm, $label, $page) {
                $slimsCrm->registerMenu('membership', I18n::t($label), __DIR__ . '/pages/' . $page);
            });
        }
    };
    // Admin pages: Membership module, grouped as "CRM" where menu groups exist (9.5+).
    Guard::run('registering the admin pages', static function () use ($slimsCrmMenus) {
        if (method_exists(Plugins::class, 'group')) {
            Plugins::group(I18n::t('CRM'), $slimsCrmMenus);
        } else {
            $slimsCrmMenus();
        }
    });

    // OPAC: index.php?p=slims_crm_token returns a fresh member token as JSON (9.4+).
    Guard::run('registering the OPAC token page', static function () use ($slimsCrm) {
        $slimsCrm->registerMenu('opac', 'slims_crm_token', __DIR__ . '/pages/member_token.php');
    });

    // OPAC: widget loader, member token, CSP and the widgets placed from the staff app, on every page. The
    // hook exists from 9.5 (with the Opac class); on 9.4 one output buffer started here does the same work.
    Guard::run('registering the OPAC hook', static function () use ($slimsCrm) {
        if (class_exists('\\SLiMS\\Opac')) {
            $slimsCrm->register(
                defined(Plugins::class . '::CONTENT_BEFORE_LOAD') ? Plugins::CONTENT_BEFORE_LOAD : 'before_content_load',
                static function (...$args) {
                    Member::beforeContent(reset($args));
                }
            );
        } else {
            Member::legacyOpac();
        }
    });

    // "Profil CRM" on SLiMS's member list and member edit form (the hook exists from 9.4; no SLiMS file changed).
    Guard::run('registering the membership_init hook', static function () use ($slimsCrm) {
        $slimsCrm->register('membership_init', static function () {
            ProfileLink::membershipInit();
        });
    });

    // Events forwarded to the sidecar. String names work on every version; the constants hold the same strings.
    $slimsCrmHooks = [
        'circulation_after_successful_transaction' => [Hooks::class, 'circulation'],
        'membership_after_save' => [Hooks::class, 'memberSaved'],
        'membership_after_update' => [Hooks::class, 'memberUpdated'],
        'bibliography_after_save' => [Hooks::class, 'biblioSaved'],
        'bibliography_after_update' => [Hooks::class, 'biblioUpdated'],
        // Renamed in 9.5.2: register both names.
        'bibliography_after_delete' => [Hooks::class, 'biblioDeleted'],
        'bibliography_on_delete' => [Hooks::class, 'biblioDeleted'],
    ];
    foreach ($slimsCrmHooks as $slimsCrmHook => $slimsCrmHandler) {
        Guard::run('registering the ' . $slimsCrmHook . ' hook', static function () use ($slimsCrm, $slimsCrmHook, $slimsCrmHandler) {
            // Variadic: SLiMS 9.4 passes its parameters by name (['data' => …]), 9.5+ by position.
            $slimsCrm->register($slimsCrmHook, static function (...$args) use ($slimsCrmHook, $slimsCrmHandler) {
                Guard::run('the ' . $slimsCrmHook . ' hook', static function () use ($slimsCrmHandler, $args) {
                    call_user_func($slimsCrmHandler, $args === [] ? null : reset($args));
                });
            });
        });
    }
}
unset($slimsCrm, $slimsCrmMenus, $slimsCrmHooks, $slimsCrmHook, $slimsCrmHandler);
