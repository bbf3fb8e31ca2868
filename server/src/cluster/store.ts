import type { VirtualClock } from './clock';
import { applyDefaults } from './defaults';
import type { KObject } from './types';

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass', 'IngressClass', 'CustomResourceDefinition']);

export class ApiError extends Error {
  constructor(message: string, readonly reason: 'NotFound' | 'Invalid' | 'AlreadyExists' | 'Forbidden') {
    super(message);
  }
}

export type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KObject };

const byName = (a: KObject, b: KObject) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

const plural = (kind: string) => kind.toLowerCase() + (kind.endsWith('s') ? 'es' : 's');

/**
 * The API store: objects by kind/namespace/name with uid, resourceVersion, generation and
 * timestamps from the virtual clock; apply merges into the stored object; deletes cascade to
 * dependents through ownerReferences (background propagation, as the garbage collector does).
 */
export class Store {
  private readonly objects = new Map<string, KObject>();
  /** Objects per kind, and the same sorted by name (rebuilt when an object of that kind comes or goes). */
  private readonly byKind = new Map<string, Map<string, KObject>>();
  private readonly sortedByKind = new Map<string, KObject[]>();
  /** owner uid → the objects whose ownerReferences name it, in creation order. */
  private readonly dependentsOf = new Map<string, Set<KObject>>();
  private rv = 0;
  private uidCounter = 0;
  private readonly watchers: Array<(e: WatchEvent) => void> = [];

  constructor(private readonly clock: VirtualClock) {}

  static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${CLUSTER_SCOPED.has(kind) ? '' : namespace ?? 'default'}/${name}`;
  }

  isClusterScoped(kind: string): boolean {
    return CLUSTER_SCOPED.has(kind);
  }

  watch(fn: (e: WatchEvent) => void): void {
    this.watchers.push(fn);
  }

  private emit(e: WatchEvent): void {
    for (const w of this.watchers) w(e);
  }

  private nextRv(): string {
    return String(++this.rv);
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.objects.get(Store.key(kind, namespace, name));
  }

  list(kind: string, namespace?: string, selector?: (labels: Record<string, string>) => boolean): KObject[] {
    let sorted = this.sortedByKind.get(kind);
    if (!sorted) {
      sorted = [...(this.byKind.get(kind)?.values() ?? [])].sort(byName);
      this.sortedByKind.set(kind, sorted);
    }
    if (namespace === undefined && !selector) return sorted.slice();
    const out: KObject[] = [];
    for (const o of sorted) {
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (selector && !selector(o.metadata.labels ?? {})) continue;
      out.push(o);
    }
    return out;
  }

  /** The objects of `kind` that `owner` controls (controller ownerReference), sorted by name. */
  owned(owner: KObject, kind: string): KObject[] {
    const deps = this.dependentsOf.get(owner.metadata.uid);
    if (!deps) return [];
    const out: KObject[] = [];
    for (const x of deps) if (x.kind === kind && x.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller)) out.push(x);
    return out.sort(byName);
  }

  private index(o: KObject, key: string): void {
    let m = this.byKind.get(o.kind);
    if (!m) this.byKind.set(o.kind, (m = new Map()));
    m.set(key, o);
    this.sortedByKind.delete(o.kind);
    for (const r of o.metadata.ownerReferences ?? []) {
      let deps = this.dependentsOf.get(r.uid);
      if (!deps) this.dependentsOf.set(r.uid, (deps = new Set()));
      deps.add(o);
    }
  }

  private unindex(o: KObject, key: string): void {
    this.byKind.get(o.kind)?.delete(key);
    this.sortedByKind.delete(o.kind);
    for (const r of o.metadata.ownerReferences ?? []) this.dependentsOf.get(r.uid)?.delete(o);
  }

  all(): KObject[] {
    return [...this.objects.values()];
  }

  private checkNamespace(o: KObject): void {
    if (CLUSTER_SCOPED.has(o.kind)) {
      delete o.metadata.namespace;
      return;
    }
    o.metadata.namespace ??= 'default';
    const ns = o.metadata.namespace;
    if (ns !== 'default' && ns !== 'kube-system' && !this.get('Namespace', undefined, ns)) {
      throw new ApiError(`namespaces "${ns}" not found`, 'NotFound');
    }
  }

  /** Creates a new object (fails if it exists). */
  create(input: Omit<KObject, 'metadata'> & { metadata: Partial<KObject['metadata']> & { name: string } }): KObject {
    const o = structuredClone(input) as KObject;
    this.checkNamespace(o);
    const key = Store.key(o.kind, o.metadata.namespace, o.metadata.name);
    if (this.objects.has(key)) throw new ApiError(`${plural(o.kind)} "${o.metadata.name}" already exists`, 'AlreadyExists');
    applyDefaults(o);
    o.metadata.uid = `uid-${String(++this.uidCounter).padStart(6, '0')}`;
    o.metadata.resourceVersion = this.nextRv();
    o.metadata.generation = 1;
    o.metadata.creationTimestamp = this.clock.timestamp();
    o.status ??= {};
    this.objects.set(key, o);
    this.index(o, key);
    this.emit({ type: 'ADDED', object: o });
    return o;
  }

  /**
   * `kubectl apply`: creates the object, or merges the applied fields into the stored one (spec
   * replaced, labels and annotations merged); generation goes up when the spec changes.
   */
  apply(input: KObject | (Omit<KObject, 'metadata'> & { metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } })): { object: KObject; action: 'created' | 'configured' | 'unchanged' } {
    const o = structuredClone(input) as KObject;
    if (!o.metadata?.name) throw new ApiError('resource name may not be empty', 'Invalid');
    this.checkNamespace(o);
    const existing = this.get(o.kind, o.metadata.namespace, o.metadata.name);
    if (!existing) return { object: this.create(o as never), action: 'created' };
    applyDefaults(o);
    const before = JSON.stringify(existing.spec ?? null);
    const beforeMeta = JSON.stringify([existing.metadata.labels, existing.metadata.annotations, existing.data, existing.stringData]);
    if (o.spec !== undefined) existing.spec = o.spec;
    for (const f of ['data', 'stringData', 'type'] as const) if (o[f] !== undefined) existing[f] = o[f] as never;
    if (o.metadata.labels) existing.metadata.labels = { ...existing.metadata.labels, ...o.metadata.labels };
    if (o.metadata.annotations) existing.metadata.annotations = { ...existing.metadata.annotations, ...o.metadata.annotations };
    const specChanged = JSON.stringify(existing.spec ?? null) !== before;
    const changed = specChanged || JSON.stringify([existing.metadata.labels, existing.metadata.annotations, existing.data, existing.stringData]) !== beforeMeta;
    if (!changed) return { object: existing, action: 'unchanged' };
    if (specChanged) existing.metadata.generation++;
    existing.metadata.resourceVersion = this.nextRv();
    this.emit({ type: 'MODIFIED', object: existing });
    return { object: existing, action: 'configured' };
  }

  /** Records a change made in place (status, spec by a controller). */
  update(o: KObject, specChanged = false): void {
    if (specChanged) o.metadata.generation++;
    o.metadata.resourceVersion = this.nextRv();
    this.emit({ type: 'MODIFIED', object: o });
  }

  /** Deletes an object and, in the background, everything it owns (transitively). */
  delete(kind: string, namespace: string | undefined, name: string): KObject[] {
    const o = this.get(kind, namespace, name);
    if (!o) throw new ApiError(`${plural(kind)} "${name}" not found`, 'NotFound');
    const removed: KObject[] = [];
    const remove = (x: KObject) => {
      const key = Store.key(x.kind, x.metadata.namespace, x.metadata.name);
      if (this.objects.get(key) !== x) return;
      this.objects.delete(key);
      this.unindex(x, key);
      removed.push(x);
      this.emit({ type: 'DELETED', object: x });
      for (const dep of this.dependents(x)) remove(dep);
      this.dependentsOf.delete(x.metadata.uid);
    };
    remove(o);
    if (o.kind === 'Namespace') for (const x of this.all().filter((y) => y.metadata.namespace === o.metadata.name)) remove(x);
    return removed;
  }

  dependents(owner: KObject): KObject[] {
    return [...(this.dependentsOf.get(owner.metadata.uid) ?? [])];
  }

  /** Objects whose controller owner no longer exists (the garbage collector's work list). */
  orphans(): KObject[] {
    const uids = new Set(this.all().map((o) => o.metadata.uid));
    return this.all().filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && !uids.has(r.uid)));
  }
}
