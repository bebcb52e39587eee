import { DEPLOY_FLAGS, flagForInput } from './flags.js'

const INPUTS = new Set(DEPLOY_FLAGS.flatMap(flag => (flag.input ? [flag.input] : [])))

/**
 * The deploy core words its advice for workflow authors ("check the `project` input", "e.g.
 * `token: ${{ secrets.X }}`"); on the command line the same advice names the flag ("check
 * --project") or the environment variable.
 */
export function inCliTerms(message: string): string {
  return message
    .replace(/`([a-z-]+): \$\{\{[^`]*\}\}`/g, (phrase, name: string) =>
      INPUTS.has(name) ? flagForInput(name) : phrase
    )
    .replace(/the `([a-z-]+)` and `([a-z-]+)` inputs/g, (phrase, a: string, b: string) =>
      INPUTS.has(a) && INPUTS.has(b) ? `${flagForInput(a)} and ${flagForInput(b)}` : phrase
    )
    .replace(/(?:the )?`([a-z-]+)` input/g, (phrase, name: string) =>
      INPUTS.has(name) ? flagForInput(name) : phrase
    )
}
