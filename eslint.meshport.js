// Backstage's lint configuration for a Meshport package, plus the rules every package keeps: no regular
// expression may backtrack or move super-linearly, since every pattern in the product sees untrusted text;
// and, for a package that lists its layers (its layers.js), no import from a layer above.

/**
 * import/no-restricted-paths zones for a package's layers (folders or files of src/, lowest first): each
 * layer may not import from any layer after it.
 */
function layerZones(layers) {
  return layers.slice(0, -1).map((layer, i) => ({
    target: `./src/${layer}`,
    from: layers.slice(i + 1).map(above => `./src/${above}`),
    message: `src/${layer} is below ${layers.slice(i + 1).join(', ')} (layers.js): move what it needs down, or this code up`,
  }));
}

/** The layer rule, off for tests, which may use any layer's test utilities. */
const layerRules = (dir, layers) =>
  layers
    ? {
        // The rule checks only imports it resolves: relative TypeScript imports have no extension.
        settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
        rules: { 'import/no-restricted-paths': ['error', { basePath: dir, zones: layerZones(layers) }] },
        overrides: [{ files: ['**/*.test.ts', '**/*.test.tsx', '**/__testUtils__/**'], rules: { 'import/no-restricted-paths': 'off' } }],
      }
    : { settings: {}, rules: {}, overrides: [] };

module.exports = (dir, extraConfig = {}, layers = undefined) => {
  const layered = layerRules(dir, layers);
  return require('@backstage/cli/config/eslint-factory')(dir, {
    ...extraConfig,
    settings: { ...layered.settings, ...extraConfig.settings },
    plugins: ['regexp', ...(extraConfig.plugins ?? [])],
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      ...layered.rules,
      ...extraConfig.rules,
    },
    overrides: [...(extraConfig.overrides ?? []), ...layered.overrides],
  });
};
