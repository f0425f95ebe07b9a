// The folders of src/, lowest first. A folder imports only from folders before it; `yarn lint` fails on an
// import from a folder after it (import/no-restricted-paths, see ../../eslint.meshport.js), so the layers
// cannot point back up and no folder circle can form. Tests may use any layer's test utilities.
module.exports = ['metrics', 'cluster', 'status'];
