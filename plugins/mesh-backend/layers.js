// The folders of src/, lowest first. A folder imports only from folders before it; `yarn lint` fails on an
// import from a folder after it (import/no-restricted-paths, see ../../eslint.meshport.js).
module.exports = ['cache', 'schema', 'gitops', 'cluster', 'metrics', 'desired', 'pending', 'status', 'service', 'plugin.ts'];
