<?php
/**
 * A small fake of the SLiMS API the plugin uses (SLiMS 9.7 shapes): Plugins, Opac, Config/config(),
 * DB (a PDO stand-in that records prepared statements), utility::havePrivilege, __() and $_SESSION.
 * Headers the plugin sends are captured through namespace fallback (SlimsCrm\header()).
 */

namespace SLiMS {
    class Plugins
    {
        const CONTENT_BEFORE_LOAD = 'before_content_load';
        const CIRCULATION_AFTER_SUCCESSFUL_TRANSACTION = 'circulation_after_successful_transaction';

        /** @var Plugins|null */
        private static $instance = null;
        /** @var array<string, array<int, callable>> */
        public $hooks = [];
        /** @var array<string, array<string, array>> */
        public $menus = [];
        /** @var array<int, array{0: string, 1: string}> label => group */
        public $groups = [];
        /** @var string|null */
        private $groupName = null;

        public static function getInstance(): Plugins
        {
            if (self::$instance === null) {
                self::$instance = new Plugins();
            }
            return self::$instance;
        }

        public static function reset(): void
        {
            self::$instance = null;
        }

        public function register($hook, $callback, $sequence = 9999)
        {
            while (isset($this->hooks[$hook][$sequence])) {
                $sequence++;
            }
            $this->hooks[$hook][$sequence] = $callback;
        }

        public function registerMenu($module_name, $label, $path, $description = null)
        {
            $key = $module_name === 'opac' ? strtolower(implode('_', explode(' ', $label))) : md5((string) realpath($path));
            $this->menus[$module_name][$key] = [$label, $key, $description, realpath($path)];
            if ($this->groupName !== null) {
                $this->groups[] = [$label, $this->groupName];
            }
        }

        public static function group($group_name, $callback)
        {
            self::getInstance()->groupName = $group_name;
            $callback();
            self::getInstance()->groupName = null;
        }

        public function execute($hook, $params = [])
        {
            $callbacks = $this->hooks[$hook] ?? [];
            ksort($callbacks);
            foreach ($callbacks as $callback) {
                call_user_func_array($callback, array_values($params));
            }
        }

        public function getMenus($module = null): array
        {
            return $module === null ? $this->menus : ($this->menus[$module] ?? []);
        }
    }

    class Config
    {
        /** @var Config|null */
        private static $instance = null;
        /** @var array<string, mixed> */
        public $configs = [];

        public static function getInstance(): Config
        {
            if (self::$instance === null) {
                self::$instance = new Config();
            }
            return self::$instance;
        }

        public function get($key, $default = null)
        {
            $value = $this->configs;
            foreach (explode('.', $key) as $part) {
                if (!is_array($value) || !array_key_exists($part, $value)) {
                    return $default;
                }
                $value = $value[$part];
            }
            return $value;
        }

        public function replace(string $key, $newValue)
        {
            $parts = explode('.', $key);
            $target = &$this->configs;
            foreach ($parts as $part) {
                if (!is_array($target) || !array_key_exists($part, $target)) {
                    return false;
                }
                $target = &$target[$part];
            }
            $target = $newValue;
            return true;
        }
    }

    /** SLiMS 9.5 to 9.6.1: the same Config, without replace(). */
    class LegacyConfig
    {
        public function get($key, $default = null)
        {
            return Config::getInstance()->get($key, $default);
        }
    }

    /** Opac keeps template variables behind __get/__set and has no __isset, like SLiMS's. */
    class Opac
    {
        /** @var array<string, mixed> */
        private $definedVariable = [];
        /** @var array<int, string> */
        public $headers = [];

        public function __get($key)
        {
            return $this->definedVariable[$key] ?? null;
        }

        public function __set($key, $value)
        {
            $this->definedVariable[$key] = $value;
        }

        public function setCsp(array $additionalCsp = [])
        {
            $csp = config('csp', []);
            if (count($csp)) {
                $this->headers[] = 'Content-Security-Policy:' . implode(';', array_merge($csp, $additionalCsp));
            }
        }

        public function csp(): string
        {
            $last = '';
            foreach ($this->headers as $header) {
                if (strpos($header, 'Content-Security-Policy:') === 0) {
                    $last = substr($header, strlen('Content-Security-Policy:'));
                }
            }
            return $last;
        }
    }

    class DB
    {
        /** @var \FakePdo|null */
        public static $pdo = null;

        public static function getInstance($driver = 'pdo')
        {
            if (self::$pdo === null) {
                self::$pdo = new \FakePdo();
            }
            return self::$pdo;
        }
    }
}

namespace SlimsCrm {
    // Namespace fallback: the plugin's unqualified header() calls land here in tests.
    function header(string $line, bool $replace = true, int $code = 0): void
    {
        \Harness::$headers[] = $line;
        \Harness::$headerCalls[] = [$line, $replace];
    }

    function http_response_code(int $code = 0)
    {
        if ($code > 0) {
            \Harness::$status = $code;
        }
        return \Harness::$status;
    }

    function headers_sent(): bool
    {
        return false;
    }
}

namespace {
    final class Harness
    {
        /** @var array<int, string> */
        public static $headers = [];
        /** @var array<int, array{0: string, 1: bool}> every header() call with its $replace flag */
        public static $headerCalls = [];
        /** @var bool config() returns a Config without replace(), as on SLiMS 9.5 to 9.6.1 */
        public static $legacyConfig = false;
        /** @var int */
        public static $status = 200;
        /** @var array<string, string> English => translated, for __() */
        public static $translations = [];

        /** The SLiMS 9.7 default policy (SLIMS-INSTALL.md §5). */
        const CSP = [
            "base-uri 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval' *.google.com *.gstatic.com",
            "style-src 'self' 'unsafe-inline' *.bootstrapcdn.com *.googleapis.com",
            "img-src 'self' static.slims.web.id data:",
            "connect-src 'self' slims.web.id",
            "frame-src 'self' *.google.com",
            "frame-ancestors 'self'",
        ];

        /**
         * Fresh SLiMS state: no hooks or menus, the default CSP, a `setting` table with the given rows,
         * an empty session, and the plugin's caches cleared.
         *
         * @param array<string, mixed>|null $settings the 'slims_crm' setting, or null for none
         */
        public static function reset(?array $settings = null, string $lang = 'en_US'): void
        {
            \SLiMS\Plugins::reset();
            \SLiMS\Config::getInstance()->configs = ['csp' => self::CSP, 'default_lang' => $lang];
            $GLOBALS['sysconf'] = ['default_lang' => $lang, 'template' => ['theme' => 'default']];
            $_COOKIE = [];
            \SLiMS\DB::$pdo = new FakePdo();
            if ($settings !== null) {
                \SLiMS\DB::$pdo->settings['slims_crm'] = serialize($settings);
            }
            $_SESSION = [];
            $_GET = [];
            $_POST = [];
            $_SERVER['REQUEST_METHOD'] = 'GET';
            self::$headers = [];
            self::$headerCalls = [];
            self::$legacyConfig = false;
            self::$status = 200;
            self::$translations = [];
            if (class_exists('SlimsCrm\Settings', false)) {
                \SlimsCrm\Settings::reset();
            }
        }

        public static function loadPlugin(): \SLiMS\Plugins
        {
            require __DIR__ . '/../../plugin/slims_crm/slims_crm.plugin.php';
            return \SLiMS\Plugins::getInstance();
        }

        /** A staff session as SLiMS's Native::setAdminData() leaves it. */
        public static function staffSession(int $uid, array $priv): void
        {
            $_SESSION = ['uid' => $uid, 'uname' => 'u' . $uid, 'realname' => 'Staf ' . $uid, 'priv' => $priv, 'checksum' => 'ok'];
        }

        /** A member session as SLiMS's Native::setMemberData() leaves it. */
        public static function memberSession(string $mid, string $name): void
        {
            $_SESSION = ['mid' => $mid, 'm_name' => $name, 'm_email' => 'x@example.org', 'm_is_expired' => false, 'm_membership_pending' => false];
        }

        /** Runs an admin page file the way plugin_container.php does (plugins loaded first), returning its output. */
        public static function runPage(string $file): string
        {
            self::loadPlugin();
            ob_start();
            try {
                (static function () use ($file) {
                    require $file;
                })();
            } finally {
                $output = (string) ob_get_clean();
            }
            return $output;
        }
    }

    final class FakeStatement
    {
        /** @var FakePdo */
        private $pdo;
        /** @var string */
        private $sql;
        /** @var mixed */
        private $result = false;
        /** @var array<int, array<string, mixed>>|null rows of a query other than the setting table's */
        private $rows = null;

        public function __construct(FakePdo $pdo, string $sql)
        {
            $this->pdo = $pdo;
            $this->sql = $sql;
        }

        public function execute(?array $params = null): bool
        {
            $params = $params ?? [];
            $this->pdo->log[] = ['sql' => $this->sql, 'params' => $params, 'prepared' => true];
            if (stripos($this->sql, 'SELECT setting_value FROM setting') === 0) {
                $this->result = $this->pdo->settings[$params[0]] ?? false;
            } elseif (stripos($this->sql, 'SELECT member_id FROM member WHERE member_id = ?') === 0) {
                // MySQL's utf8_unicode_ci compares card numbers without case, as SLiMS's own lookups do.
                $this->rows = [];
                foreach ($this->pdo->members as $member) {
                    if (strcasecmp($member, (string) $params[0]) === 0) {
                        $this->rows[] = ['member_id' => $member];
                    }
                }
            } elseif (stripos($this->sql, 'INSERT INTO setting') === 0) {
                // setting_name is UNIQUE: a plain INSERT of a name that is there fails, as in MySQL.
                if (isset($this->pdo->settings[$params[0]]) && stripos($this->sql, 'ON DUPLICATE KEY UPDATE') === false) {
                    return false;
                }
                $this->pdo->settings[$params[0]] = $params[1];
            } elseif (stripos($this->sql, 'UPDATE setting SET setting_value = ? WHERE setting_name = ? AND setting_value = ?') === 0) {
                if (($this->pdo->settings[$params[1]] ?? null) === $params[2]) {
                    $this->pdo->settings[$params[1]] = $params[0];
                }
            }
            return true;
        }

        public function fetchColumn()
        {
            return $this->result;
        }

        public function fetchAll($mode = null): array
        {
            if ($this->rows !== null) {
                return $this->rows;
            }
            return $this->result === false ? [] : [['setting_value' => $this->result]];
        }

        public function errorInfo(): array
        {
            return ['00000', null, null];
        }
    }

    /** Stands in for SLiMS's PDO connection; the `setting` table and the member table's card numbers are arrays. */
    final class FakePdo
    {
        /** @var array<string, string> setting_name => setting_value */
        public $settings = [];
        /** @var array<int, string> the member table's card numbers */
        public $members = [];
        /** @var array<int, array{sql: string, params: array, prepared: bool}> */
        public $log = [];

        public function prepare(string $sql): FakeStatement
        {
            return new FakeStatement($this, $sql);
        }

        public function query(string $sql)
        {
            $this->log[] = ['sql' => $sql, 'params' => [], 'prepared' => false];
            return false;
        }

        public function exec(string $sql)
        {
            $this->log[] = ['sql' => $sql, 'params' => [], 'prepared' => false];
            return 0;
        }
    }

    final class utility
    {
        public static function havePrivilege($module, $type = 'r')
        {
            return ($_SESSION['checksum'] ?? null) === 'ok' && !empty($_SESSION['priv'][$module][$type]);
        }
    }

    function config($key = '', $default = null)
    {
        if ($key === '') {
            return Harness::$legacyConfig ? new \SLiMS\LegacyConfig() : \SLiMS\Config::getInstance();
        }
        return \SLiMS\Config::getInstance()->get($key, $default);
    }

    function __(string $content)
    {
        return Harness::$translations[$content] ?? $content;
    }

    define('INDEX_AUTH', '1');
    Harness::reset();
}
