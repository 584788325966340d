// The records of every resource kind in memory, synchronously: one insertion-ordered map per kind.
// MemoryStore is this behind the async port; SqliteStore serves its reads from one.
import { RESOURCE_KINDS, type ResourceKind, type ResourceRecords } from './state-store.js';

export class ResourceMaps {
  private readonly maps = new Map<ResourceKind, Map<string, unknown>>(RESOURCE_KINDS.map((k) => [k, new Map()]));

  get<K extends ResourceKind>(kind: K, id: string): Readonly<ResourceRecords[K]> | undefined {
    return this.of(kind).get(id) as ResourceRecords[K] | undefined;
  }

  list<K extends ResourceKind>(kind: K): ReadonlyArray<Readonly<ResourceRecords[K]>> {
    return [...this.of(kind).values()] as ResourceRecords[K][];
  }

  /** Replacing a record keeps its place in the order. */
  put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): void {
    this.of(kind).set(id, Object.freeze(record));
  }

  delete(kind: ResourceKind, id: string): boolean {
    return this.of(kind).delete(id);
  }

  private of(kind: ResourceKind): Map<string, unknown> {
    // Non-null: the constructor made one map for every kind, and kinds are only ResourceKind.
    return this.maps.get(kind)!;
  }
}
