import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../src/providers/registry.ts';
import { catalogOnlyProvider, entry } from '../support/fake-provider.ts';

const whatsappUs = { service: 'whatsapp', country: 'US' };

describe('ProviderRegistry routing', () => {
  it('routes to providers that offer the service and country, in priority order', async () => {
    const a = catalogOnlyProvider('a', [entry('whatsapp', 'US', { costCents: 40 })]);
    const b = catalogOnlyProvider('b', [entry('telegram', 'US')]);
    const c = catalogOnlyProvider('c', [entry('whatsapp', 'US', { costCents: 30 })]);
    const registry = new ProviderRegistry([a, b, c]);
    expect((await registry.routes(whatsappUs)).map((r) => [r.provider.id, r.entry.costCents])).toEqual([
      ['a', 40],
      ['c', 30],
    ]);
    registry.setRouting('c', { priority: 0 });
    expect((await registry.pick(whatsappUs)).provider.id).toBe('c');
    // what a purchase fails over along: every route, best first
    expect((await registry.pickRoutes(whatsappUs)).map((r) => r.provider.id)).toEqual(['c', 'a']);
    await expect(registry.pickRoutes({ service: 'whatsapp', country: 'GB' })).rejects.toMatchObject({ code: 'no_numbers' });
  });

  it('skips disabled providers for new purchases but still hands them out by id', async () => {
    const a = catalogOnlyProvider('a', [entry('whatsapp', 'US')]);
    const b = catalogOnlyProvider('b', [entry('whatsapp', 'US')]);
    const registry = new ProviderRegistry([a, b]);
    registry.setRouting('a', { enabled: false });
    expect((await registry.routes(whatsappUs)).map((r) => r.provider.id)).toEqual(['b']);
    // the registry hands out the provider itself behind its call timing: same id, same object underneath
    expect(registry.get('a')?.id).toBe('a');
    expect(Object.getPrototypeOf(registry.get('a'))).toBe(Object.getPrototypeOf(a));
    expect(registry.routing('a')).toEqual({ enabled: false, priority: 1, successRate: null });
  });

  it('breaks priority ties by success rate, unknown rates last', async () => {
    const registry = new ProviderRegistry(['a', 'b', 'c'].map((id) => catalogOnlyProvider(id, [entry('whatsapp', 'US')])));
    for (const id of ['a', 'b', 'c']) registry.setRouting(id, { priority: 5 });
    registry.setRouting('b', { successRate: 9100 });
    registry.setRouting('c', { successRate: 9650 });
    expect((await registry.routes(whatsappUs)).map((r) => r.provider.id)).toEqual(['c', 'b', 'a']);
  });

  it('honours area codes and skips entries with no stock', async () => {
    const a = catalogOnlyProvider('a', [entry('whatsapp', 'US', { areaCodes: ['212'] })]);
    const b = catalogOnlyProvider('b', [entry('whatsapp', 'US', { areaCodes: ['415'] })]);
    const c = catalogOnlyProvider('c', [entry('whatsapp', 'US', { areaCodes: ['415'], available: 0 })]);
    const d = catalogOnlyProvider('d', [entry('whatsapp', 'US', { available: null })]);
    const registry = new ProviderRegistry([a, b, c, d]);
    expect((await registry.routes({ ...whatsappUs, areaCode: '415' })).map((r) => r.provider.id)).toEqual(['b']);
    expect((await registry.routes(whatsappUs)).map((r) => r.provider.id)).toEqual(['a', 'b', 'd']);
  });

  it('explains why there is no route', async () => {
    const registry = new ProviderRegistry([catalogOnlyProvider('a', [entry('whatsapp', 'US', { areaCodes: ['212'] })])]);
    await expect(registry.pick({ ...whatsappUs, areaCode: '999' })).rejects.toMatchObject({ code: 'area_code_unavailable' });
    await expect(registry.pick({ service: 'whatsapp', country: 'GB' })).rejects.toMatchObject({ code: 'no_numbers' });
  });

  it('leaves out a provider whose catalog fails, and says unavailable when none can be read', async () => {
    const broken = catalogOnlyProvider('broken', new Error('timeout'));
    const ok = catalogOnlyProvider('ok', [entry('whatsapp', 'US')]);
    expect((await new ProviderRegistry([broken, ok]).routes(whatsappUs)).map((r) => r.provider.id)).toEqual(['ok']);
    await expect(new ProviderRegistry([broken]).pick(whatsappUs)).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('refuses two providers with one id', () => {
    expect(() => new ProviderRegistry([catalogOnlyProvider('a', []), catalogOnlyProvider('a', [])])).toThrow(/twice/);
  });
});

describe('ProviderRegistry catalog cache', () => {
  it('reads a catalog once per TTL, once for concurrent readers', async () => {
    let now = 0;
    const a = catalogOnlyProvider('a', [entry('whatsapp', 'US')]);
    const registry = new ProviderRegistry([a], { catalogTtlMs: 1000, now: () => now });
    await Promise.all([registry.catalog('a'), registry.routes(whatsappUs), registry.pick(whatsappUs)]);
    expect(a.catalogReads()).toBe(1);
    now = 999;
    await registry.catalog('a');
    expect(a.catalogReads()).toBe(1);
    now = 1000;
    await registry.catalog('a');
    expect(a.catalogReads()).toBe(2);
    registry.invalidateCatalog('a');
    await registry.catalog('a');
    expect(a.catalogReads()).toBe(3);
  });

  it('serves the last good catalog when a refresh fails', async () => {
    let now = 0;
    const a = catalogOnlyProvider('a', [entry('whatsapp', 'US')]);
    const registry = new ProviderRegistry([a], { catalogTtlMs: 10, now: () => now });
    await registry.catalog('a');
    a.setCatalog(new Error('provider down'));
    now = 100;
    expect(await registry.catalog('a')).toEqual([entry('whatsapp', 'US')]);
    expect(a.catalogReads()).toBe(2);
  });
});
