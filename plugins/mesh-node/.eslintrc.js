module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The shared provider checks in __testUtils__ (expectRemote, expectChangeRequestLifecycle) assert.
    'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'expect*'] }],
  },
});
