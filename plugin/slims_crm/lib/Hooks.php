<?php
/**
 * SLiMS hooks forwarded to the sidecar as signed webhooks. Each event carries ids and dates only (no
 * passwords, no contact data); the sidecar reads the rest from the database. Handlers never throw.
 */

namespace SlimsCrm;

final class Hooks
{
    /** @var array<string, true> biblio ids already reported deleted in this request (two hook names) */
    private static $deleted = [];

    /** @param mixed $data circulation receipt: memberID, loan[], return[], extend[] */
    public static function circulation($data): void
    {
        if (!is_array($data)) {
            return;
        }
        $rows = static function ($list, array $dates): array {
            $out = [];
            foreach (is_array($list) ? $list : [] as $row) {
                if (!is_array($row)) {
                    continue;
                }
                $item = [
                    'loanId' => isset($row['loan_id']) ? (int) $row['loan_id'] : null,
                    'itemCode' => (string) ($row['itemCode'] ?? $row['item_code'] ?? ''),
                ];
                foreach ($dates as $key => $source) {
                    $item[$key] = isset($row[$source]) && is_scalar($row[$source]) ? (string) $row[$source] : null;
                }
                $out[] = $item;
            }
            return $out;
        };
        self::deliver('circulation.transaction', [
            'memberId' => (string) ($data['memberID'] ?? ''),
            'staffUid' => isset($_SESSION['uid']) ? (int) $_SESSION['uid'] : null,
            'loans' => $rows($data['loan'] ?? [], ['loanDate' => 'loanDate', 'dueDate' => 'dueDate']),
            'returns' => $rows($data['return'] ?? [], ['returnDate' => 'returnDate']),
            'extends' => $rows($data['extend'] ?? [], ['loanDate' => 'loanDate', 'dueDate' => 'dueDate']),
        ]);
    }

    /** @param mixed $data api::member_load(): a list holding one member row */
    public static function memberSaved($data): void
    {
        self::member('member.saved', $data);
    }

    /** @param mixed $data */
    public static function memberUpdated($data): void
    {
        self::member('member.updated', $data);
    }

    /** @param mixed $data biblio fields plus biblio_id */
    public static function biblioSaved($data): void
    {
        self::biblio($data, 'created');
    }

    /** @param mixed $data */
    public static function biblioUpdated($data): void
    {
        self::biblio($data, 'updated');
    }

    /** bibliography_after_delete (9.5.2+) and bibliography_on_delete (9.3-9.5.1) both pass the id. */
    public static function biblioDeleted($biblioId): void
    {
        if (!is_scalar($biblioId) || (int) $biblioId <= 0 || isset(self::$deleted[(string) (int) $biblioId])) {
            return;
        }
        self::$deleted[(string) (int) $biblioId] = true;
        self::deliver('biblio.deleted', ['biblioId' => (int) $biblioId]);
    }

    /** @param mixed $data */
    private static function member(string $event, $data): void
    {
        $row = is_array($data) && isset($data[0]) && is_array($data[0]) ? $data[0] : $data;
        if (!is_array($row) || !isset($row['member_id'])) {
            return;
        }
        $date = static function (string $key) use ($row): ?string {
            return isset($row[$key]) && is_scalar($row[$key]) && $row[$key] !== '' ? (string) $row[$key] : null;
        };
        self::deliver($event, [
            'memberId' => (string) $row['member_id'],
            // SLiMS 9.7's api::member_load() returns member_type_name but not member_type_id.
            'memberTypeId' => isset($row['member_type_id']) && is_numeric($row['member_type_id']) ? (int) $row['member_type_id'] : null,
            'memberTypeName' => $date('member_type_name'),
            'registerDate' => $date('register_date'),
            'expireDate' => $date('expire_date'),
            'isPending' => !empty($row['is_pending']),
            'lastUpdate' => $date('last_update'),
        ]);
    }

    /** @param mixed $data */
    private static function biblio($data, string $action): void
    {
        if (!is_array($data) || !isset($data['biblio_id']) || (int) $data['biblio_id'] <= 0) {
            return;
        }
        self::deliver('biblio.saved', [
            'biblioId' => (int) $data['biblio_id'],
            'action' => $action,
            'lastUpdate' => isset($data['last_update']) && is_scalar($data['last_update']) ? (string) $data['last_update'] : null,
        ]);
    }

    /**
     * @param array<string, mixed> $data
     * @return array{delivered: bool, status: int|null, error: string|null, seconds: float}|null null when not configured
     */
    public static function deliver(string $event, array $data): ?array
    {
        return Guard::run('webhook ' . $event, static function () use ($event, $data) {
            $url = Settings::sidecarUrl();
            $secret = $url === '' ? '' : Settings::secret();
            if ($secret === '') {
                return null;
            }
            return Webhook::send($url, $secret, Webhook::event($event, $data));
        });
    }
}
