<?php
/**
 * Short-lived HS256 JWTs that the sidecar accepts (see server/auth/tokens.ts): member and staff tokens.
 */

namespace SlimsCrm;

final class Token
{
    const AUDIENCE = 'slims-crm';
    const LIFETIME = 900;

    /**
     * Seconds a token lives: LIFETIME, or less when the environment says SLIMS_CRM_TOKEN_SECONDS (60 at the
     * least), which the tests inside a real SLiMS use to see tokens run out in minutes rather than a quarter hour.
     */
    public static function lifetime(): int
    {
        $asked = getenv('SLIMS_CRM_TOKEN_SECONDS');
        return is_string($asked) && ctype_digit($asked) ? max(60, min(self::LIFETIME, (int) $asked)) : self::LIFETIME;
    }

    /** @return array{token: string, exp: int} */
    public static function member(string $secret, string $memberId, string $name, ?int $iat = null): array
    {
        $iat = $iat ?? time();
        $claims = [
            'aud' => self::AUDIENCE,
            'typ' => 'member',
            'sub' => $memberId,
            'name' => $name,
            'iat' => $iat,
            'exp' => $iat + self::lifetime(),
        ];
        return ['token' => self::encode($claims, $secret), 'exp' => $claims['exp']];
    }

    /**
     * @param array<string, array{r?: mixed, w?: mixed}> $privileges module_path => rights
     * @return array{token: string, exp: int}
     */
    public static function staff(string $secret, int $uid, string $name, array $privileges, ?int $iat = null): array
    {
        $iat = $iat ?? time();
        $priv = [];
        foreach ($privileges as $module => $rights) {
            $priv[(string) $module] = [
                'r' => !empty($rights['r']),
                'w' => !empty($rights['w']),
            ];
        }
        $claims = [
            'aud' => self::AUDIENCE,
            'typ' => 'staff',
            'sub' => (string) $uid,
            'name' => $name,
            // An object even when empty: the sidecar reads priv as a map.
            'priv' => (object) $priv,
            'iat' => $iat,
            'exp' => $iat + self::lifetime(),
        ];
        return ['token' => self::encode($claims, $secret), 'exp' => $claims['exp']];
    }

    /** @param array<string, mixed> $claims */
    public static function encode(array $claims, string $secret): string
    {
        $header = self::base64url(Json::encode(['alg' => 'HS256', 'typ' => 'JWT']));
        $payload = self::base64url(Json::encode($claims));
        $signature = hash_hmac('sha256', $header . '.' . $payload, $secret, true);
        return $header . '.' . $payload . '.' . self::base64url($signature);
    }

    /**
     * Verifies an HS256 token and returns its claims, or null (bad shape, other alg, bad signature,
     * wrong audience, expired). Used by the plugin's tests and by nothing that trusts foreign input.
     *
     * @return array<string, mixed>|null
     */
    public static function verify(string $token, string $secret, ?int $now = null): ?array
    {
        $parts = explode('.', $token);
        if (count($parts) !== 3) {
            return null;
        }
        $header = json_decode(self::base64urlDecode($parts[0]), true);
        if (!is_array($header) || ($header['alg'] ?? null) !== 'HS256') {
            return null;
        }
        $expected = self::base64url(hash_hmac('sha256', $parts[0] . '.' . $parts[1], $secret, true));
        if (!hash_equals($expected, $parts[2])) {
            return null;
        }
        $claims = json_decode(self::base64urlDecode($parts[1]), true);
        if (!is_array($claims) || ($claims['aud'] ?? null) !== self::AUDIENCE) {
            return null;
        }
        if (!is_int($claims['exp'] ?? null) || $claims['exp'] < ($now ?? time())) {
            return null;
        }
        return $claims;
    }

    public static function base64url(string $bytes): string
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }

    public static function base64urlDecode(string $text): string
    {
        $decoded = base64_decode(strtr($text, '-_', '+/'), true);
        return $decoded === false ? '' : $decoded;
    }
}
