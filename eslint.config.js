import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/*
 * The arrows of the design, held by lint: action → lifecycle → core, cli → core; only the
 * platform factory knows the v1 and v2 implementations; server/ stands alone. Import cycles
 * (type-only ones included) are caught by dpdm in `npm run lint`, not here.
 */
const forbid = (group, message) => ({ group, message })
const ACTIONS = forbid(
  ['@actions/*'],
  "Only src/action (and the lifecycle's GitHub API) speak @actions/*."
)
const LIFECYCLE = forbid(
  ['**/lifecycle/**', '**/lifecycle'],
  'Arrows run action → lifecycle → core.'
)
const ACTION = forbid(
  ['**/action/**', '**/action'],
  'Nothing imports the Actions glue (src/action).'
)
const CLI = forbid(
  ['**/cli/**', '**/cli', '**/cli.js'],
  'Nothing imports the command line (src/cli).'
)
const V1 = forbid(
  ['**/platform/v1/**', '**/v1/**'],
  'Only platform/factory.ts picks the v1 implementation.'
)
const V2 = forbid(
  ['**/platform/v2/**', '**/v2/**'],
  'Only platform/factory.ts picks the v2 implementation.'
)
const SRC = forbid(['**/src/**', '**/src'], 'server/ stands alone: it imports nothing from src/.')

/** One entry per disjoint group of files (flat config replaces, never merges, a rule's options). */
const arrows = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] }
})

const CORE_ARROWS = [ACTIONS, LIFECYCLE, ACTION, CLI]
const PLATFORM_FOLDERS = [
  'src/core/platform/factory.ts',
  'src/core/platform/v1/**',
  'src/core/platform/v2/**'
]

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'lib/',
      'node_modules/',
      'coverage/',
      '.subhosting-local/',
      'examples/',
      'bench/.work/'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    // Small functions: one job each. Test bodies (describe/it callbacks) are exempt.
    files: ['**/*.ts'],
    ignores: ['**/__tests__/**'],
    rules: {
      'max-lines-per-function': [
        'error',
        { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }
      ]
    }
  },
  arrows(['src/core/platform/factory.ts'], CORE_ARROWS),
  arrows(['src/core/platform/v1/**'], [...CORE_ARROWS, V2]),
  arrows(['src/core/platform/v2/**'], [...CORE_ARROWS, V1]),
  arrows(['src/core/**'], [...CORE_ARROWS, V1, V2], PLATFORM_FOLDERS),
  arrows(['src/lifecycle/**'], [ACTION, CLI, V1, V2], ['src/lifecycle/github-api.ts']),
  arrows(['src/lifecycle/github-api.ts'], [ACTION, CLI, V1, V2]),
  arrows(['src/cli/**', 'src/cli.ts'], [ACTIONS, LIFECYCLE, ACTION, V1, V2]),
  arrows(['src/action/**', 'src/main.ts', 'src/index.ts'], [CLI, V1, V2]),
  arrows(['server/**'], [SRC])
)
