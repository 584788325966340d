// In-memory state (the default): one insertion-ordered map per resource kind.
import { RESOURCE_KINDS, type ResourceKind, type ResourceRecords, type StateStore } from './state-store.js';

export class MemoryStore implements StateStore {
  private readonly maps = new Map<ResourceKind, Map<string, unknown>>(RESOURCE_KINDS.map((k) => [k, new Map()]));

  get<K extends ResourceKind>(kind: K, id: string): Readonly<ResourceRecords[K]> | undefined {
    // Non-null: the constructor made a map for every ResourceKind.
    return this.maps.get(kind)!.get(id) as ResourceRecords[K] | undefined;
  }

  list<K extends ResourceKind>(kind: K): ReadonlyArray<Readonly<ResourceRecords[K]>> {
    // Non-null: the constructor made a map for every ResourceKind.
    return [...this.maps.get(kind)!.values()] as ResourceRecords[K][];
  }

  put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): void {
    // Non-null: the constructor made a map for every ResourceKind.
    this.maps.get(kind)!.set(id, Object.freeze(record));
  }

  delete(kind: ResourceKind, id: string): boolean {
    // Non-null: the constructor made a map for every ResourceKind.
    return this.maps.get(kind)!.delete(id);
  }

  close(): void {}
}
