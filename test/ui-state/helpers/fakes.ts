// Small in-memory stand-ins for the data engine, for component and state tests (the e2e tests use the real one).
import type { Key } from 'ink';
import type {
  CatalogueView, FilterSpec, InformerChange, InformerKey, InformerLease, InformerState, InformerView, ResourceRef, Row,
  RowStoreView, RowView, SortSpec, TableColumn,
} from '../../../src/ui-state/engine-types.js';
import type { ContextInfo, DashboardBackend } from '../../../src/ui-state/backend.js';
import { PromiseCache } from '../../../src/api/promise-cache.js';
import type { ContextSummary } from '../../../src/kubeconfig/types.js';

export function key(over: Partial<Key> = {}): Key {
  return {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...over,
  };
}

export function ref(resource: string, kind: string, group = '', namespaced = true, shortNames: string[] = []): ResourceRef {
  return { group, version: group ? 'v1' : 'v1', resource, kind, singular: kind.toLowerCase(), namespaced, shortNames, verbs: ['list', 'watch', 'get'], categories: [] };
}

const col = (name: string, priority = 0, format = ''): TableColumn => ({ name, type: 'string', format, description: '', priority });
export const POD_COLUMNS: TableColumn[] = [col('Name', 0, 'name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1)];

export function row(name: string, o: { status?: string; ready?: string; namespace?: string; owner?: string; created?: string; labels?: Record<string, string> } = {}): Row {
  return {
    uid: `uid-${name}`,
    namespace: o.namespace ?? 'default',
    name,
    cells: [name, o.ready ?? '1/1', o.status ?? 'Running', '0', '5m', '10.0.0.1', 'node-1'],
    labels: o.labels ?? {},
    creationTimestamp: o.created,
    ownerUids: o.owner ? [o.owner] : [],
    resourceVersion: '1',
  };
}

export const REFS: ResourceRef[] = [
  ref('pods', 'Pod', '', true, ['po']),
  ref('deployments', 'Deployment', 'apps', true, ['deploy']),
  ref('services', 'Service', '', true, ['svc']),
  ref('namespaces', 'Namespace', '', false, ['ns']),
  ref('nodes', 'Node', '', false, ['no']),
];

export function fakeCatalogue(refs = REFS): CatalogueView {
  const names = (r: ResourceRef) => [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames, r.group ? `${r.resource}.${r.group}` : r.resource];
  return {
    resolve: (n) => refs.find((r) => names(r).includes(n.toLowerCase())),
    all: () => refs,
    completions: (p) => refs.flatMap(names).filter((n) => n.startsWith(p)),
  };
}

export class FakeStore implements RowStoreView {
  rows: Row[] = [];
  constructor(readonly columns: TableColumn[] = POD_COLUMNS) {}
  get size(): number {
    return this.rows.length;
  }
  countsByNamespace(): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.rows) m.set(r.namespace ?? '', (m.get(r.namespace ?? '') ?? 0) + 1);
    return m;
  }
  view(opts: { sort?: SortSpec; filter?: FilterSpec; faultsOnly?: boolean; ownerUid?: string }): RowView {
    let rows = [...this.rows];
    if (opts.ownerUid) rows = rows.filter((r) => r.ownerUids.includes(opts.ownerUid!));
    const f = opts.filter;
    if (f) {
      const re = f.regex ? new RegExp(f.text, 'i') : undefined;
      rows = rows.filter((r) => (re ? re.test(r.name) : r.name.includes(f.text)) !== f.invert);
    }
    if (opts.faultsOnly) rows = rows.filter((r) => r.cells[2] !== 'Running' && r.cells[2] !== 'Completed');
    if (opts.sort) {
      const i = this.columns.findIndex((c) => c.name === opts.sort!.column);
      rows.sort((a, b) => String(a.cells[i]).localeCompare(String(b.cells[i])) * (opts.sort!.descending ? -1 : 1));
    }
    return { length: rows.length, rows: (s, e) => rows.slice(s, e), indexOfUid: (u) => rows.findIndex((r) => r.uid === u) };
  }
}

export class FakeInformer implements InformerView {
  private subs = new Set<(c: InformerChange) => void>();
  current: InformerState = { phase: 'live', since: 0 };
  constructor(readonly key: InformerKey, readonly store: FakeStore) {}
  state(): InformerState {
    return this.current;
  }
  subscribe(fn: (c: InformerChange) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }
  emit(): void {
    for (const s of this.subs) s({ added: 0, updated: 1, removed: 0, reset: false });
  }
}

/** A backend whose informers are FakeInformers: `stores` picks rows per key (resource + namespace + selectors). */
export class FakeBackend implements DashboardBackend {
  acquired: InformerKey[] = [];
  informers = new Map<string, FakeInformer>();
  failing = new Set<string>();
  /** Contexts whose connect() waits until the test opens the gate (a slow or unreachable cluster). */
  gates = new Map<string, Promise<void>>();
  constructor(
    private ctxs: ContextSummary[],
    private rowsFor: (k: InformerKey) => { rows: Row[]; columns?: TableColumn[]; state?: InformerState },
  ) {}
  contexts(): ContextSummary[] {
    return this.ctxs;
  }
  private connections = new PromiseCache<ContextInfo>();
  private catalogues = new Map<string, Promise<CatalogueView>>();
  /** As the live backend: one promise per context, a failed one forgotten so the next flip tries again. */
  connect(context: string): Promise<ContextInfo> {
    return this.connections.get(context, () => this.connectNow(context));
  }
  private async connectNow(context: string): Promise<ContextInfo> {
    const c = this.ctxs.find((x) => x.name === context)!;
    await this.gates.get(context);
    if (this.failing.has(context)) {
      const { ConnectionError } = await import('../../../src/errors.js');
      throw new ConnectionError('refused', 'https://127.0.0.1:1', 'connection refused by https://127.0.0.1:1', 'is the cluster running?');
    }
    return { context, cluster: c.cluster, user: c.user, server: 'https://127.0.0.1:6443', namespace: c.namespace ?? 'default' };
  }
  catalogue(context: string): Promise<CatalogueView> {
    let c = this.catalogues.get(context);
    if (!c) this.catalogues.set(context, (c = Promise.resolve(fakeCatalogue())));
    return c;
  }
  private readonly version = Promise.resolve('v1.32.0');
  serverVersion(): Promise<string> {
    return this.version;
  }
  /** An informer acquired before (informers here stay open, as a warm context's do). */
  peek(k: InformerKey): InformerView | undefined {
    return this.informers.get(JSON.stringify([k.context, k.resource.resource, k.namespace, k.labelSelector, k.fieldSelector]));
  }
  acquire(k: InformerKey): InformerLease {
    this.acquired.push(k);
    const id = JSON.stringify([k.context, k.resource.resource, k.namespace, k.labelSelector, k.fieldSelector]);
    let inf = this.informers.get(id);
    if (!inf) {
      const spec = this.rowsFor(k);
      const store = new FakeStore(spec.columns);
      store.rows = spec.rows;
      inf = new FakeInformer(k, store);
      if (spec.state) inf.current = spec.state;
      this.informers.set(id, inf);
    }
    return { informer: inf, release: () => {} };
  }
}
