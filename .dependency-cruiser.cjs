// Import cycles fail `npm run check` (scripts/check.mjs runs `depcruise` over electron/, shared/ and
// renderer/src/). ESLint (eslint.layers.js) says which layer may import which; this says that no
// module may reach itself again through its imports, type-only imports included: a type cycle is
// still two files that cannot be understood, or moved, one without the other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle: break it by moving the shared piece one layer down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist'] },
  },
};
