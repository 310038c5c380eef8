// Shared shapes inside the simulator: its object store (owned by store.ts) as controllers and seeders see it.
// Resource keys: the plural for the core group ("pods"), "plural.group" otherwise ("deployments.apps").

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  finalizers?: string[];
  generateName?: string;
}

export interface SimObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // spec, status, data… as the real types have them.
  [field: string]: unknown;
}

export type SimEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface SimEvent {
  type: SimEventType;
  resource: string;
  object: SimObject;
}

export interface SimStore {
  list(resource: string, namespace?: string): SimObject[];
  get(resource: string, namespace: string | undefined, name: string): SimObject | undefined;
  /** Fills uid, resourceVersion, creationTimestamp, generation (and name from generateName); emits ADDED. */
  create(resource: string, obj: SimObject): SimObject;
  /** Stores the new state with the next resourceVersion; emits MODIFIED. */
  update(resource: string, obj: SimObject): SimObject;
  /** Removes at once (grace periods are the API layer's business); emits DELETED. */
  remove(resource: string, namespace: string | undefined, name: string): SimObject | undefined;
  subscribe(listener: (event: SimEvent) => void): () => void;
}
