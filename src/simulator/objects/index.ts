// The simulator's world: object factories and the cluster seeder.
export { seedCluster, type ClusterProfile, type SeedOptions, type SeedSummary } from './seed.js';
export { RES, CHANGED_AT, isoSeconds, controllerRef, formatLabels } from './meta.js';
export { podFromTemplate, podStatus, isPodReady, podPhase, qosClass, type PodState, type PodTemplate, type PodPlacement } from './pods.js';
export * from './workloads.js';
export * from './core.js';
export { Rng, hashString, templateHash } from './random.js';
