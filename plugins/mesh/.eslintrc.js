module.exports = require('../../eslint.meshport')(__dirname, {
  rules: {
    // Tests take the demo cluster and templates from the harness, a Node package; the plugin itself never does.
    '@backstage/no-mixed-plugin-imports': ['warn', { excludedFiles: ['**/*.test.ts', '**/*.test.tsx', '**/__testUtils__/**'] }],
  },
});
