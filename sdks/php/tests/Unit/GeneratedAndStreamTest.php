<?php

declare(strict_types=1);

namespace Namaskah\Tests\Unit;

use Namaskah\Core\EventStream;
use PHPUnit\Framework\TestCase;

final class GeneratedAndStreamTest extends TestCase
{
    /** Every generated class links against the core: its base class, interfaces and traits all exist. */
    public function testEveryGeneratedClassLoads(): void
    {
        $manifest = json_decode((string) file_get_contents(__DIR__ . '/../../.namaskah-generated.json'), true);
        $count = 0;
        foreach ($manifest['files'] as $file) {
            if (!str_starts_with($file['path'], 'src/') || !str_ends_with($file['path'], '.php')) {
                continue;
            }
            $class = 'Namaskah\\' . str_replace('/', '\\', substr($file['path'], 4, -4));
            $this->assertTrue(class_exists($class) || enum_exists($class), "{$class} loads");
            $count++;
        }
        $this->assertGreaterThan(300, $count);
    }

    public function testServerSentEventsAcrossChunksWithTicksAndComments(): void
    {
        $stream = new EventStream([
            ": heartbeat\n\nid: 4",
            "1\nevent: verification.completed\ndata: {\"id\":\"evt_1\",",
            '',
            "\"sequence\":41}\r\n\r\ndata: plain\ndata: text\n\n",
        ]);
        $messages = iterator_to_array($stream->withTicks(), false);
        $this->assertSame([
            null,
            ['event' => 'verification.completed', 'data' => ['id' => 'evt_1', 'sequence' => 41], 'id' => '41'],
            ['event' => 'message', 'data' => "plain\ntext", 'id' => null],
        ], $messages);
        $this->assertSame('41', $stream->lastEventId);
    }
}
