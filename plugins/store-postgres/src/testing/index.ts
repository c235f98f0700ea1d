export { type Cluster, findPostgresBin, noServerMessage, startCluster } from './cluster.js';
export { type TestDatabase, testDatabase } from './test-database.js';
