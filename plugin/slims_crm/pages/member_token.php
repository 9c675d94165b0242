<?php
/**
 * OPAC page index.php?p=slims_crm_token: a fresh member token as JSON ({"token":null} when no member is
 * logged in). SLiMS includes this inside its output buffer; Json::respond() discards that buffer.
 */

defined('INDEX_AUTH') or die('Direct access is not allowed!');

\SlimsCrm\Json::respond(\SlimsCrm\Guard::run('minting a member token', static function () {
    return \SlimsCrm\Member::tokenPayload(isset($_SESSION) ? $_SESSION : []);
}, ['token' => null]));
exit;
