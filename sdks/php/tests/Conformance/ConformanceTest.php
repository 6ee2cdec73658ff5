<?php

declare(strict_types=1);

namespace Namaskah\Tests\Conformance;

use BackedEnum;
use Namaskah\Client;
use Namaskah\Core\Model;
use Namaskah\Core\Page;
use Namaskah\Core\RequestOptions;
use Namaskah\Exception;
use Namaskah\Http\Request;
use Namaskah\Webhooks;
use PHPUnit\Framework\TestCase;
use stdClass;
use Throwable;

/**
 * The shared conformance suite (test/conformance/README.md) through the PHP SDK: every case of every
 * file under cases/, discovered, each its own test. A case this runner cannot run fails with
 * `UNSUPPORTED:`; KNOWN_FAILURES is the only way to leave one out, and it must stay empty.
 */
final class ConformanceTest extends TestCase
{
    private const CASES = __DIR__ . '/../../../../test/conformance/cases';
    private const IR = __DIR__ . '/../../../../generators/ir/ir.json';

    /** `file :: case name` => reason. An entry whose case passes fails the run. */
    private const KNOWN_FAILURES = [];

    private const ALLOWED = [
        'http' => ['name', 'kind', 'client', 'call', 'responses', 'expect'],
        'client' => ['api_key', 'max_retries'],
        'call' => ['tag', 'operation_id', 'path_params', 'query', 'header_params', 'body', 'options', 'iterate'],
        'options' => ['idempotency_key'],
        'iterate' => ['max_items'],
        'response' => ['status', 'headers', 'body', 'body_text', 'network_error'],
        'expect' => [
            'attempts', 'requests', 'all_requests', 'same_header_across_requests',
            'waits', 'result', 'response_meta', 'error',
        ],
        'request' => ['method', 'path', 'query', 'headers', 'body', 'no_body'],
        'header' => ['equals', 'contains', 'media_type', 'present', 'matches'],
        'wait' => ['min_ms', 'max_ms'],
        'value' => ['equals', 'checks'],
        'check' => ['pointer', 'equals', 'type', 'length'],
        'error' => ['family', 'status', 'code', 'code_class', 'request_id', 'rate_limit', 'field_errors'],
        'rate_limit' => ['limit', 'remaining', 'reset_seconds', 'retry_after_seconds'],
        'response_meta' => ['request_id', 'rate_limit'],
        'webhook_verify' => ['name', 'kind', 'secret', 'payload', 'headers', 'now', 'tolerance_seconds', 'expect'],
        'verify_expect' => ['valid', 'event', 'reason'],
        'webhook_sign' => ['name', 'kind', 'secret', 'payload', 'msg_id', 'timestamp', 'expect'],
        'sign_expect' => ['headers'],
    ];

    private const FAMILIES = [
        'bad_request' => Exception\BadRequestException::class,
        'authentication' => Exception\AuthenticationException::class,
        'payment_required' => Exception\PaymentRequiredException::class,
        'permission_denied' => Exception\PermissionDeniedException::class,
        'not_found' => Exception\NotFoundException::class,
        'conflict' => Exception\ConflictException::class,
        'gone' => Exception\GoneException::class,
        'payload_too_large' => Exception\PayloadTooLargeException::class,
        'unsupported_media_type' => Exception\UnsupportedMediaTypeException::class,
        'unprocessable_entity' => Exception\UnprocessableEntityException::class,
        'rate_limit' => Exception\RateLimitException::class,
        'internal_server' => Exception\InternalServerException::class,
        'api' => Exception\ApiException::class,
        'connection' => Exception\ConnectionException::class,
        'timeout' => Exception\TimeoutException::class,
        'missing_credentials' => Exception\MissingCredentialsException::class,
    ];

    /** @var array<string, array<string, mixed>>|null (tag, operation id) => IR operation */
    private static ?array $operations = null;

    /** @return iterable<string, array{string, stdClass}> */
    public static function cases(): iterable
    {
        $files = [];
        $dir = new \RecursiveDirectoryIterator(self::CASES, \FilesystemIterator::SKIP_DOTS);
        $it = new \RecursiveIteratorIterator($dir);
        foreach ($it as $file) {
            if ($file->getExtension() === 'json') {
                $files[] = $file->getPathname();
            }
        }
        sort($files);
        foreach ($files as $path) {
            $relative = substr($path, strlen(self::CASES) + 1);
            $doc = json_decode((string) file_get_contents($path), false, 512, JSON_THROW_ON_ERROR);
            foreach ($doc->cases as $case) {
                yield "{$relative} :: {$case->name}" => ["{$relative} :: {$case->name}", $case];
            }
        }
    }

    /** @dataProvider cases */
    public function testCase(string $id, stdClass $case): void
    {
        $known = self::KNOWN_FAILURES[$id] ?? null;
        try {
            $this->runCase($case);
        } catch (Throwable $e) {
            if ($known !== null) {
                $this->markTestIncomplete("known failure ({$known}): {$e->getMessage()}");
            }
            throw $e;
        }
        if ($known !== null) {
            $this->fail("{$id} passes now: remove it from KNOWN_FAILURES");
        }
    }

    public function testKnownFailuresStayEmpty(): void
    {
        $this->assertSame([], self::KNOWN_FAILURES);
    }

    private function runCase(stdClass $case): void
    {
        match ($case->kind) {
            'request', 'response', 'error', 'retry', 'pagination' => $this->runHttp($case),
            'webhook_verify' => $this->runVerify($case),
            'webhook_sign' => $this->runSign($case),
            default => $this->fail("UNSUPPORTED: kind {$case->kind}"),
        };
    }

    private static function allow(mixed $value, string $what): void
    {
        if (!$value instanceof stdClass) {
            return;
        }
        foreach (array_keys(get_object_vars($value)) as $key) {
            if ($key !== 'description' && $key !== '$comment' && !in_array($key, self::ALLOWED[$what], true)) {
                self::fail("UNSUPPORTED: unknown field {$key} in {$what}");
            }
        }
    }

    private function runHttp(stdClass $case): void
    {
        self::allow($case, 'http');
        self::allow($case->client ?? null, 'client');
        self::allow($case->call, 'call');
        self::allow($case->call->options ?? null, 'options');
        self::allow($case->call->iterate ?? null, 'iterate');
        foreach ($case->responses as $r) {
            self::allow($r, 'response');
        }
        $expect = $case->expect ?? new stdClass();
        self::allow($expect, 'expect');

        $transport = new ScriptedTransport(self::toArray($case->responses));
        $waits = [];
        $apiKey = property_exists($case->client ?? new stdClass(), 'api_key')
            ? $case->client->api_key
            : 'nmk_test_conformance';
        // `api_key: null`: a client built with no key while NAMASKAH_API_KEY is unset.
        $savedKey = getenv('NAMASKAH_API_KEY');
        if ($apiKey === null) {
            putenv('NAMASKAH_API_KEY');
        }
        try {
            $client = new Client(
                apiKey: $apiKey,
                baseUrl: 'http://conformance.test',
                maxRetries: $case->client->max_retries ?? 2,
                transport: $transport,
                sleep: static function (float $seconds) use (&$waits): void {
                    $waits[] = $seconds;
                },
            );
        } finally {
            if ($apiKey === null && $savedKey !== false) {
                putenv("NAMASKAH_API_KEY={$savedKey}");
            }
        }

        $result = null;
        $error = null;
        try {
            $result = $this->invoke($client, $case->call);
        } catch (Exception\NamaskahException $e) {
            $error = $e;
        }

        if (isset($expect->error)) {
            $this->assertNotNull($error, 'the call must fail');
            $this->checkError($expect->error, $error);
        } elseif ($error !== null) {
            throw $error;
        }
        $requests = $transport->requests;
        if (isset($expect->attempts)) {
            $this->assertCount($expect->attempts, $requests, 'attempts');
        }
        foreach ($expect->requests ?? [] as $i => $matcher) {
            $this->assertArrayHasKey($i, $requests, "request #{$i}");
            $this->checkRequest($matcher, $requests[$i], "request #{$i}");
        }
        if (isset($expect->all_requests)) {
            foreach ($requests as $i => $request) {
                $this->checkRequest($expect->all_requests, $request, "request #{$i}");
            }
        }
        foreach ($expect->same_header_across_requests ?? [] as $name) {
            $values = array_map(static fn (Request $r) => self::header($r, $name), $requests);
            $this->assertNotContains(null, $values, "{$name} on every request");
            $this->assertCount(1, array_unique($values), "{$name} the same on every request");
        }
        if (isset($expect->waits)) {
            $this->assertCount(count($expect->waits), $waits, 'one wait per retry');
            foreach ($expect->waits as $i => $bound) {
                self::allow($bound, 'wait');
                $ms = $waits[$i] * 1000;
                if (isset($bound->min_ms)) {
                    $this->assertGreaterThanOrEqual($bound->min_ms, $ms, "wait #{$i}");
                }
                if (isset($bound->max_ms)) {
                    $this->assertLessThanOrEqual($bound->max_ms, $ms, "wait #{$i}");
                }
            }
        }
        if (isset($expect->result)) {
            $this->checkValue($expect->result, $result);
        }
        if (isset($expect->response_meta)) {
            self::allow($expect->response_meta, 'response_meta');
            $last = $client->lastResponse();
            $this->assertNotNull($last);
            if (property_exists($expect->response_meta, 'request_id')) {
                $this->assertSame($expect->response_meta->request_id, $last->requestId());
            }
            if (isset($expect->response_meta->rate_limit)) {
                $this->checkRateLimit($expect->response_meta->rate_limit, $last->rateLimit());
            }
        }
    }

    /** @return array<string, mixed> */
    private static function operation(string $tag, string $id): array
    {
        if (self::$operations === null) {
            $ir = json_decode((string) file_get_contents(self::IR), true, 512, JSON_THROW_ON_ERROR);
            self::$operations = [];
            foreach ($ir['resources'] as $resource) {
                foreach ($resource['operations'] as $op) {
                    self::$operations["{$resource['tag']} {$op['id']}"] = $op + ['_types' => $ir['types']];
                }
            }
        }
        $op = self::$operations["{$tag} {$id}"] ?? null;
        if ($op === null) {
            self::fail("UNSUPPORTED: no operation {$id} under tag {$tag}");
        }

        return $op;
    }

    /** The SDK's parameter name for a wire name: camelCase of its words (generators/core/naming.ts). */
    private static function variable(string $wire): string
    {
        $spaced = (string) preg_replace('/([a-z0-9])([A-Z])/', '$1 $2', $wire);
        $spaced = preg_replace('/([A-Z]+)([A-Z][a-z])/', '$1 $2', $spaced);
        $words = array_values(array_filter(preg_split('/[^A-Za-z0-9]+/', (string) $spaced) ?: [], 'strlen'));
        $words = array_map('strtolower', $words);
        $first = array_shift($words) ?? '';

        return $first . implode('', array_map('ucfirst', $words));
    }

    private function invoke(Client $client, stdClass $call): mixed
    {
        $op = self::operation($call->tag, $call->operation_id);
        $target = $client;
        $segments = $op['sdkName'];
        $method = self::variable((string) array_pop($segments));
        foreach ($segments as $segment) {
            $target = $target->{$segment};
        }
        $args = [];
        foreach (['path_params', 'query', 'header_params'] as $group) {
            foreach (self::toArray($call->{$group} ?? new stdClass()) as $wire => $value) {
                $args[self::variable((string) $wire)] = $value;
            }
        }
        if (property_exists($call, 'body')) {
            $bodyType = $op['body']['type'] ?? null;
            $decl = null;
            foreach ($op['_types'] as $t) {
                if ($bodyType !== null && ($bodyType['name'] ?? null) === $t['name']) {
                    $decl = $t;
                }
            }
            if (($decl['kind'] ?? null) === 'object' && $call->body instanceof stdClass) {
                foreach (self::toArray($call->body) as $wire => $value) {
                    $args[self::variable((string) $wire)] = $value;
                }
            } else {
                $args['body'] = self::toArray($call->body);
            }
        }
        $reflection = new \ReflectionMethod($target, $method);
        $names = array_map(static fn ($p) => $p->getName(), $reflection->getParameters());
        $optionsName = in_array('requestOptions', $names, true)
            ? 'requestOptions'
            : 'options';
        if (isset($call->options->idempotency_key)) {
            $args[$optionsName] = new RequestOptions(idempotencyKey: $call->options->idempotency_key);
        }
        $result = $target->{$method}(...$args);
        $iterate = $call->iterate ?? false;
        if ($iterate !== false) {
            $this->assertInstanceOf(Page::class, $result, 'iterate needs a paginated method');
            $max = $iterate instanceof stdClass ? $iterate->max_items : null;
            $items = [];
            foreach ($result->autoPagingIterator() as $item) {
                $items[] = $item;
                if ($max !== null && count($items) >= $max) {
                    break;
                }
            }

            return $items;
        }

        return $reflection->getReturnType()?->__toString() === 'void' ? new Absent() : $result;
    }

    private function checkRequest(stdClass $m, Request $request, string $label): void
    {
        self::allow($m, 'request');
        $path = (string) parse_url($request->url, PHP_URL_PATH);
        $query = parse_url($request->url, PHP_URL_QUERY);
        if (isset($m->method)) {
            $this->assertSame($m->method, $request->method, "{$label} method");
        }
        if (isset($m->path)) {
            $this->assertSame($m->path, $path, "{$label} path");
        }
        if (isset($m->query)) {
            $got = [];
            foreach ($query === null || $query === '' ? [] : explode('&', $query) as $pair) {
                [$k, $v] = array_pad(explode('=', $pair, 2), 2, '');
                $got[rawurldecode($k)][] = rawurldecode(str_replace('+', ' ', $v));
            }
            $got = array_map(static fn ($vs) => count($vs) === 1 ? $vs[0] : $vs, $got);
            $want = self::toArray($m->query);
            ksort($got);
            ksort($want);
            $this->assertSame($want, $got, "{$label} query");
        }
        foreach (get_object_vars($m->headers ?? new stdClass()) as $name => $hm) {
            self::allow($hm, 'header');
            $value = self::header($request, $name);
            if (isset($hm->present)) {
                $this->assertSame($hm->present, $value !== null, "{$label} header {$name} present");
            }
            if (isset($hm->equals)) {
                $this->assertSame($hm->equals, $value, "{$label} header {$name}");
            }
            if (isset($hm->contains)) {
                $this->assertStringContainsString($hm->contains, (string) $value, "{$label} header {$name}");
            }
            if (isset($hm->media_type)) {
                $media = strtolower(trim(explode(';', (string) $value)[0]));
                $this->assertSame(strtolower($hm->media_type), $media, "{$label} header {$name}");
            }
            if (isset($hm->matches)) {
                $pattern = '/' . str_replace('/', '\/', $hm->matches) . '/';
                $this->assertMatchesRegularExpression($pattern, (string) $value, "{$label} header {$name}");
            }
        }
        if (property_exists($m, 'body')) {
            $this->assertNotNull($request->body, "{$label} has a body");
            $sent = json_decode((string) $request->body, false, 512, JSON_THROW_ON_ERROR);
            $this->assertTrue(self::deepEqual($m->body, $sent), "{$label} body: sent {$request->body}");
        }
        if (($m->no_body ?? false) === true) {
            $this->assertTrue($request->body === null || $request->body === '', "{$label} has no body");
        }
    }

    private static function header(Request $request, string $name): ?string
    {
        foreach ($request->headers as $k => $v) {
            if (strcasecmp($k, $name) === 0) {
                return $v;
            }
        }

        return null;
    }

    private function checkError(stdClass $m, Throwable $e): void
    {
        self::allow($m, 'error');
        if (isset($m->family)) {
            $class = self::FAMILIES[$m->family] ?? null;
            if ($class === null) {
                $this->fail("UNSUPPORTED: error family {$m->family}");
            }
            $this->assertInstanceOf($class, $e, "family {$m->family}: got " . $e::class . ": {$e->getMessage()}");
        }
        if (isset($m->status)) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            $this->assertSame($m->status, $e->status);
        }
        if (property_exists($m, 'code')) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            $this->assertSame($m->code, $e->problemCode);
        }
        if (isset($m->code_class)) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            if ($m->code_class) {
                $this->assertArrayHasKey((string) $e->problemCode, Exception\ProblemCodes::CLASSES);
                $this->assertInstanceOf(Exception\ProblemCodes::CLASSES[$e->problemCode], $e);
            } else {
                $this->assertSame(self::FAMILIES[$m->family ?? 'api'], $e::class, 'exactly the family class');
            }
        }
        if (property_exists($m, 'request_id')) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            $this->assertSame($m->request_id, $e->requestId);
        }
        if (isset($m->rate_limit)) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            $this->checkRateLimit($m->rate_limit, $e->rateLimit);
        }
        if (isset($m->field_errors)) {
            $this->assertInstanceOf(Exception\ApiException::class, $e);
            $this->assertTrue(self::deepEqual($m->field_errors, $e->fieldErrors()), 'field errors');
        }
    }

    private function checkRateLimit(stdClass $m, \Namaskah\Core\RateLimit $got): void
    {
        self::allow($m, 'rate_limit');
        $map = [
            'limit' => 'limit',
            'remaining' => 'remaining',
            'reset_seconds' => 'resetSeconds',
            'retry_after_seconds' => 'retryAfterSeconds',
        ];
        foreach (get_object_vars($m) as $key => $value) {
            $this->assertSame($value, $got->{$map[$key]}, "rate_limit {$key}");
        }
    }

    private function checkValue(stdClass $m, mixed $result): void
    {
        self::allow($m, 'value');
        $wire = self::wire($result);
        if (property_exists($m, 'equals')) {
            $this->assertTrue(self::deepEqual($m->equals, $wire), 'result equals: got ' . json_encode($wire));
        }
        foreach ($m->checks ?? [] as $check) {
            self::allow($check, 'check');
            [$found, $value] = self::pointer($wire, $check->pointer);
            $label = "at {$check->pointer}";
            if (isset($check->type)) {
                $ok = match ($check->type) {
                    'absent' => !$found,
                    'null' => $found && $value === null,
                    'integer' => $found && is_int($value),
                    'number' => $found && (is_int($value) || is_float($value)),
                    'string' => $found && is_string($value),
                    'boolean' => $found && is_bool($value),
                    'array' => $found && is_array($value) && array_is_list($value),
                    'object' => $found && is_array($value) && ($value === [] || !array_is_list($value)),
                    default => $this->fail("UNSUPPORTED: type {$check->type}"),
                };
                $shown = $found ? var_export($value, true) : 'absent';
                $this->assertTrue($ok, "{$label}: want {$check->type}, got {$shown}");
            }
            if (property_exists($check, 'equals')) {
                $this->assertTrue($found, "{$label} present");
                $this->assertTrue(self::deepEqual($check->equals, $value), "{$label}: got " . json_encode($value));
            }
            if (isset($check->length)) {
                $this->assertTrue($found && is_array($value));
                $this->assertCount($check->length, $value, $label);
            }
        }
    }

    /** The SDK value in its wire form (arrays, scalars); an Absent for a method that returns nothing. */
    private static function wire(mixed $value): mixed
    {
        return match (true) {
            $value instanceof Absent => $value,
            $value instanceof Page, $value instanceof Model => $value->toArray(),
            $value instanceof BackedEnum => $value->value,
            is_array($value) => array_map(self::wire(...), $value),
            default => $value,
        };
    }

    /** @return array{bool, mixed} */
    private static function pointer(mixed $value, string $pointer): array
    {
        if ($value instanceof Absent) {
            return [$pointer !== '' ? false : false, null];
        }
        if ($pointer === '') {
            return [true, $value];
        }
        foreach (array_slice(explode('/', $pointer), 1) as $token) {
            $token = str_replace(['~1', '~0'], ['/', '~'], $token);
            if (!is_array($value) || !array_key_exists($token, $value)) {
                return [false, null];
            }
            $value = $value[$token];
        }

        return [true, $value];
    }

    /** Deep equality of a case's JSON (objects as stdClass) and a wire value (arrays); null and absent apart. */
    private static function deepEqual(mixed $want, mixed $got): bool
    {
        if ($got instanceof stdClass) {
            $got = self::toArray($got);
        }
        if ($want instanceof stdClass) {
            $vars = get_object_vars($want);
            if (!is_array($got) || ($got !== [] && array_is_list($got)) || count($vars) !== count($got)) {
                return false;
            }
            foreach ($vars as $k => $v) {
                if (!array_key_exists($k, $got) || !self::deepEqual($v, $got[$k])) {
                    return false;
                }
            }

            return true;
        }
        if (is_array($want)) {
            if (!is_array($got) || !array_is_list($got) || count($want) !== count($got)) {
                return false;
            }
            foreach ($want as $i => $v) {
                if (!self::deepEqual($v, $got[$i])) {
                    return false;
                }
            }

            return true;
        }
        if (is_int($want)) {
            return is_int($got) && $got === $want;
        }
        if (is_float($want)) {
            return (is_float($got) || is_int($got)) && (float) $got === $want;
        }

        return $want === $got;
    }

    /** A case's JSON (stdClass objects) as PHP arrays. */
    private static function toArray(mixed $value): mixed
    {
        if ($value instanceof stdClass) {
            return array_map(self::toArray(...), get_object_vars($value));
        }

        return is_array($value) ? array_map(self::toArray(...), $value) : $value;
    }

    private function runVerify(stdClass $case): void
    {
        self::allow($case, 'webhook_verify');
        self::allow($case->expect, 'verify_expect');
        $headers = self::toArray($case->headers);
        $tolerance = $case->tolerance_seconds ?? Webhooks::DEFAULT_TOLERANCE;
        if ($case->expect->valid) {
            $event = Webhooks::verify($case->payload, $headers, $case->secret, tolerance: $tolerance, now: $case->now);
            if (isset($case->expect->event)) {
                $this->checkValue($case->expect->event, $event);
            }

            return;
        }
        try {
            Webhooks::verify($case->payload, $headers, $case->secret, tolerance: $tolerance, now: $case->now);
        } catch (Exception\WebhookVerificationException $e) {
            $this->addToAssertionCount(1);

            return;
        }
        $this->fail("verification must fail ({$case->expect->reason})");
    }

    private function runSign(stdClass $case): void
    {
        self::allow($case, 'webhook_sign');
        self::allow($case->expect, 'sign_expect');
        $headers = Webhooks::sign($case->payload, $case->secret, msgId: $case->msg_id, timestamp: $case->timestamp);
        foreach (get_object_vars($case->expect->headers) as $name => $value) {
            $this->assertSame($value, $headers[$name] ?? null, $name);
        }
    }
}
