// Backstage's lint configuration for a Meshport package, plus the rules every package keeps: no regular
// expression may backtrack or move super-linearly, since every pattern in the product sees untrusted text.
module.exports = (dir, extraConfig = {}) =>
  require('@backstage/cli/config/eslint-factory')(dir, {
    ...extraConfig,
    plugins: ['regexp', ...(extraConfig.plugins ?? [])],
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      ...extraConfig.rules,
    },
  });
