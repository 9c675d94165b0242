<?php
/**
 * Prepared statements on SLiMS's own connection: PDO from \SLiMS\DB where it exists, else SLiMS's mysqli
 * $dbs. SLiMS 9.4 sets PDO to ERRMODE_SILENT and 9.7 to exceptions, so every failure, whatever the mode,
 * becomes one \RuntimeException here; callers decide what a failure means.
 */

namespace SlimsCrm;

final class Db
{
    /**
     * @param array<int, string|int|null> $params
     * @return array<int, array<string, mixed>>
     */
    public static function rows(string $sql, array $params = []): array
    {
        return Guard::quietly(static function () use ($sql, $params) {
            $pdo = self::pdo();
            if ($pdo !== null) {
                $statement = $pdo->prepare($sql);
                if ($statement === false || !$statement->execute($params)) {
                    throw new \RuntimeException('query failed: ' . self::pdoError($pdo, $statement));
                }
                $rows = $statement->fetchAll(\PDO::FETCH_ASSOC);
                return is_array($rows) ? $rows : [];
            }
            $statement = self::mysqliStatement($sql, $params);
            $result = $statement->get_result();
            $rows = $result === false ? [] : $result->fetch_all(MYSQLI_ASSOC);
            $statement->close();
            return $rows;
        });
    }

    /** @param array<int, string|int|null> $params */
    public static function execute(string $sql, array $params = []): void
    {
        Guard::quietly(static function () use ($sql, $params) {
            $pdo = self::pdo();
            if ($pdo !== null) {
                $statement = $pdo->prepare($sql);
                if ($statement === false || !$statement->execute($params)) {
                    throw new \RuntimeException('statement failed: ' . self::pdoError($pdo, $statement));
                }
                return;
            }
            self::mysqliStatement($sql, $params)->close();
        });
    }

    /** @return \PDO|object|null SLiMS's PDO connection (9.4+), or null */
    private static function pdo()
    {
        if (class_exists('\SLiMS\DB') && method_exists('\SLiMS\DB', 'getInstance')) {
            $pdo = \SLiMS\DB::getInstance();
            return is_object($pdo) && method_exists($pdo, 'prepare') ? $pdo : null;
        }
        return null;
    }

    /**
     * @param \PDO|object $pdo
     * @param \PDOStatement|object|false $statement
     */
    private static function pdoError($pdo, $statement): string
    {
        $info = is_object($statement) && method_exists($statement, 'errorInfo') ? $statement->errorInfo()
            : (method_exists($pdo, 'errorInfo') ? $pdo->errorInfo() : []);
        return (string) ($info[2] ?? $info[0] ?? 'unknown error');
    }

    /** @param array<int, string|int|null> $params */
    private static function mysqliStatement(string $sql, array $params): \mysqli_stmt
    {
        global $dbs;
        if (!$dbs instanceof \mysqli) {
            throw new \RuntimeException('no database connection');
        }
        $statement = $dbs->prepare($sql);
        if ($statement === false) {
            throw new \RuntimeException('prepare failed: ' . $dbs->error);
        }
        if ($params !== []) {
            $values = array_values($params);
            $statement->bind_param(str_repeat('s', count($values)), ...$values);
        }
        if (!$statement->execute()) {
            $error = $statement->error;
            $statement->close();
            throw new \RuntimeException('statement failed: ' . $error);
        }
        return $statement;
    }
}
