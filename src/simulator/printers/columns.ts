// Column definitions as kube-apiserver's printers declare them (KK pkg/printers/internalversion/printers.go,
// 1.32/1.33): name, OpenAPI type, format, the field's API documentation as description, priority 1 = wide.

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export const DESC = {
  name: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  created: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  containers: 'Names of each container in the template.',
  images: 'Images referenced by each container in the template.',
  selector: 'Label query over pods that should match the replica count. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
};

type Col = [name: string, type: string, description: string, priority?: number, format?: string];

function defs(cols: Col[]): TableColumnDefinition[] {
  return cols.map(([name, type, description, priority = 0, format = '']) => ({ name, type, format, description, priority }));
}

const NAME: Col = ['Name', 'string', DESC.name, 0, 'name'];
const AGE: Col = ['Age', 'string', DESC.created];
const CONTAINERS: Col = ['Containers', 'string', DESC.containers, 1];
const IMAGES: Col = ['Images', 'string', DESC.images, 1];
const SELECTOR: Col = ['Selector', 'string', DESC.selector, 1];

export const COLUMNS: Record<string, TableColumnDefinition[]> = {
  pods: defs([
    NAME,
    ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 'string', 'The aggregate status of the containers in this pod.'],
    ['Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'],
    AGE,
    ['IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1],
    ['Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename', 1],
    ['Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.', 1],
    ['Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates', 1],
  ]),
  deployments: defs([
    NAME,
    ['Ready', 'string', 'Number of the pod with ready state'],
    ['Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'],
    ['Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1],
  ]),
  replicasets: defs([
    NAME,
    ['Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'],
    ['Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'],
    ['Ready', 'integer', 'The number of ready replicas for this replica set.'],
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ]),
  statefulsets: defs([NAME, ['Ready', 'string', 'Number of the pod with ready state'], AGE, CONTAINERS, IMAGES]),
  daemonsets: defs([
    NAME,
    ['Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'],
    ['Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'],
    ['Ready', 'integer', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'],
    ['Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'],
    ['Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'],
    ['Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1],
  ]),
  jobs: defs([
    NAME,
    ['Status', 'string', 'Status of the job.'],
    ['Completions', 'string', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'],
    ['Duration', 'string', 'Time required to complete the job.'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1],
  ]),
  cronjobs: defs([
    NAME,
    ['Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'],
    ['Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'],
    ['Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'],
    ['Active', 'integer', 'A list of pointers to currently running jobs.'],
    ['Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1],
  ]),
  services: defs([
    NAME,
    ['Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'],
    ['Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'],
    ['External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'],
    ['Port(s)', 'string', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'],
    AGE,
    ['Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. More info: https://kubernetes.io/docs/concepts/services-networking/service/', 1],
  ]),
  endpoints: defs([NAME, ['Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'], AGE]),
  nodes: defs([
    NAME,
    ['Status', 'string', 'The status of the node'],
    ['Roles', 'string', 'The roles of the node'],
    AGE,
    ['Version', 'string', 'Kubelet Version reported by the node.'],
    ['Internal-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1],
    ['External-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1],
    ['OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1],
    ['Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1],
    ['Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1],
  ]),
  events: defs([
    ['Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'],
    ['Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'],
    ['Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."],
    ['Object', 'string', 'The object that this event is about.'],
    ['Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1],
    ['Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1],
    ['Message', 'string', 'A human-readable description of the status of this operation.'],
    ['First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1],
    ['Count', 'string', 'The number of times this event has occurred.', 1],
    ['Name', 'string', DESC.name, 1, 'name'],
  ]),
  namespaces: defs([NAME, ['Status', 'string', 'The status of the namespace'], AGE]),
  secrets: defs([
    NAME,
    ['Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'],
    ['Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"],
    AGE,
  ]),
  serviceaccounts: defs([
    NAME,
    ['Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'],
    AGE,
  ]),
  persistentvolumes: defs([
    NAME,
    ['Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"],
    ['Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'],
    ['Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'],
    ['Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'],
    ['Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'],
    ['StorageClass', 'string', 'StorageClass of the pv'],
    ['VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'],
    ['Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'],
    AGE,
    ['VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.', 1],
  ]),
  persistentvolumeclaims: defs([
    NAME,
    ['Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'],
    ['Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'],
    ['Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'],
    ['Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'],
    ['StorageClass', 'string', 'StorageClass of the pvc'],
    ['VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'],
    AGE,
    ['VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.', 1],
  ]),
  configmaps: defs([
    NAME,
    ['Data', 'string', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."],
    AGE,
  ]),
  poddisruptionbudgets: defs([
    NAME,
    ['Min Available', 'string', 'The minimum number of pods that must be available simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'],
    ['Max Unavailable', 'string', 'The maximum number of pods that may be unavailable simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'],
    ['Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'],
    AGE,
  ]),
  ingresses: defs([
    NAME,
    ['Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'],
    ['Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'],
    ['Address', 'string', 'Address is a list containing ingress points for the load-balancer'],
    ['Ports', 'string', 'Ports of TLS configurations that open'],
    AGE,
  ]),
};

/** AS registry/rest/table.go: the Table of kinds without a printer (also CustomResourceDefinitions). */
export const DEFAULT_COLUMNS: TableColumnDefinition[] = defs([NAME, ['Created At', 'date', DESC.created]]);
