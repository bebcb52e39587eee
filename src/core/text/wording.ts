/**
 * How messages name what the user sets. The deploy core words its advice once; the surface that
 * runs it decides how an input is named: the action says "the `project` input" (workflow authors
 * set inputs), the command line "--project" (or the environment variable it reads the token
 * from). The command line installs its namer before anything runs.
 */
export type InputNamer = (input: string) => string

const ACTION_NAMER: InputNamer = input => `\`${input}\``
let namer: InputNamer = ACTION_NAMER
let commandLine = false

/** Used by the command line: inputs are named by their flags from now on. */
export function nameInputsWith(flagFor: InputNamer): void {
  namer = flagFor
  commandLine = true
}

/** "the `project` input" in the action, "--project" on the command line. */
export function inputName(input: string): string {
  return commandLine ? namer(input) : `the ${ACTION_NAMER(input)} input`
}

/** "the `api-url` and `project` inputs" in the action, "--api-url and --project" otherwise. */
export function inputNames(...inputs: string[]): string {
  const names = inputs.map(commandLine ? namer : ACTION_NAMER)
  const listed =
    names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return commandLine ? listed : `the ${listed} inputs`
}

/** A phrase whose words depend on the surface: where files are, where the token is kept. */
export interface SurfaceWords {
  /** In a workflow: the workspace, the checkout step, secrets. */
  action: string
  /** On the command line: the current directory, environment variables. */
  commandLine: string
}

/** The `action` words in the action, the `commandLine` words on the command line. */
export function onSurface(words: SurfaceWords): string {
  return commandLine ? words.commandLine : words.action
}
