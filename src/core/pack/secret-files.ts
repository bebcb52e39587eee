/**
 * Files that usually hold credentials and must not be served by a public deployment by
 * accident: dotenv files (but their committed templates), private keys and credential stores.
 * They are left out unless an include glob names them (see `namesSecretFile`), and the pack
 * reports which ones it left out.
 */
import picomatch from 'picomatch'
import { inputName } from '../text/wording.js'

/** Matched against the file name, at any depth. */
const SECRET_NAMES = [
  '.env',
  '.env.*',
  '.netrc',
  '.git-credentials',
  '.pgpass',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.p12',
  '*.pfx'
]

/** Dotenv files that are templates by convention, committed on purpose and free of secrets. */
const TEMPLATE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist']

const isSecretName = picomatch(SECRET_NAMES, { dot: true })
const isTemplateName = picomatch(TEMPLATE_NAMES, { dot: true })

/** True for a POSIX path (relative to root) whose file name looks like it holds credentials. */
export function isSecretFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return isSecretName(name) && !isTemplateName(name)
}

/**
 * True when an include glob asks for secret files on purpose: its last segment is itself a
 * secret-looking name (`.env.production`, `config/.env.*`), not a catch-all like `**`.
 */
export function namesSecretFile(glob: string): boolean {
  const last = glob.slice(glob.lastIndexOf('/') + 1)
  return isSecretFile(last) || isSecretName(last)
}

/** The notice for files left out: which ones and how to deploy them anyway. */
export function secretFilesNotice(paths: string[]): string {
  const shown =
    paths.slice(0, 10).join(', ') + (paths.length > 10 ? ` and ${paths.length - 10} more` : '')
  return (
    `Left out ${paths.length} file(s) that usually hold secrets, so a public deployment does ` +
    `not serve them: ${shown}. Pass values with ${inputName('env-vars')} instead. To deploy one ` +
    `on purpose, list it in ${inputName('include')} next to everything else to pack ` +
    `(e.g. the two lines \`**\` and \`${paths[0]}\`).`
  )
}
