// In-memory state (the default): the records in insertion-ordered maps, behind the async port.
import { ResourceMaps } from './resource-maps.js';
import type { ResourceKind, ResourceRecords, StateStore } from './state-store.js';

export class MemoryStore implements StateStore {
  private readonly records = new ResourceMaps();

  async get<K extends ResourceKind>(kind: K, id: string): Promise<Readonly<ResourceRecords[K]> | undefined> {
    return this.records.get(kind, id);
  }

  async list<K extends ResourceKind>(kind: K): Promise<ReadonlyArray<Readonly<ResourceRecords[K]>>> {
    return this.records.list(kind);
  }

  async put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): Promise<void> {
    this.records.put(kind, id, record);
  }

  async delete(kind: ResourceKind, id: string): Promise<boolean> {
    return this.records.delete(kind, id);
  }

  async close(): Promise<void> {}
}
