module.exports = require('../../eslint.meshport')(__dirname, {
  rules: {
    // The shared provider checks in __testUtils__ (expectRemote, expectChangeRequestLifecycle) assert.
    'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'expect*'] }],
  },
});
