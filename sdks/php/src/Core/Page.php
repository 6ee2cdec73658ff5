<?php

declare(strict_types=1);

namespace Namaskah\Core;

use Closure;
use Generator;
use IteratorAggregate;

/**
 * One page of a cursor-paginated list. `data` holds its items; iterate the page itself (or
 * autoPagingIterator()) for every item of every page, fetched as you go:
 * `foreach ($client->verifications->list(limit: 50) as $verification) { ... }`.
 *
 * @template T
 * @implements IteratorAggregate<int, T>
 */
final class Page implements IteratorAggregate
{
    /**
     * @param list<T> $data
     * @param Closure(?string): Model $fetch
     */
    private function __construct(
        public readonly Model $page,
        public readonly array $data,
        public readonly bool $hasMore,
        public readonly ?string $nextCursor,
        private readonly Closure $fetch,
        private readonly string $itemsProperty,
        private readonly string $hasMoreProperty,
        private readonly string $cursorProperty,
    ) {
    }

    /**
     * Fetches the first page (the generated list methods call this).
     *
     * @param Closure(?string): Model $fetch Fetches the page after a cursor (null: the first).
     */
    public static function start(
        Closure $fetch,
        ?string $cursor,
        string $itemsProperty,
        string $hasMoreProperty,
        string $cursorProperty,
    ): self {
        return self::of($fetch($cursor), $fetch, $itemsProperty, $hasMoreProperty, $cursorProperty);
    }

    private static function of(Model $page, Closure $fetch, string $items, string $hasMore, string $cursor): self
    {
        return new self(
            $page,
            array_values($page->{$items} ?? []),
            $page->{$hasMore} === true,
            $page->{$cursor},
            $fetch,
            $items,
            $hasMore,
            $cursor,
        );
    }

    /** The next page, or null on the last one. */
    public function nextPage(): ?self
    {
        if (!$this->hasMore || $this->nextCursor === null || $this->nextCursor === '') {
            return null;
        }
        $next = ($this->fetch)($this->nextCursor);

        return self::of($next, $this->fetch, $this->itemsProperty, $this->hasMoreProperty, $this->cursorProperty);
    }

    /**
     * Every item of this page and the ones after it, fetching each page when the previous one is used up.
     *
     * @return Generator<int, T>
     */
    public function autoPagingIterator(): Generator
    {
        $page = $this;
        while ($page !== null) {
            foreach ($page->data as $item) {
                yield $item;
            }
            $page = $page->nextPage();
        }
    }

    /** @return Generator<int, T> */
    public function getIterator(): Generator
    {
        return $this->autoPagingIterator();
    }

    /** @return array<string, mixed> The page's wire form. */
    public function toArray(): array
    {
        return $this->page->toArray();
    }
}
