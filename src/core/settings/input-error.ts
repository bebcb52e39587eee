/** One thing wrong with one input: which input, what is wrong with its value and how to fix it. */
export interface InputProblem {
  input: string
  message: string
}

/**
 * Every problem found in the inputs at once, so a user fixes them in one round trip.
 * Messages never contain secret values (token, env var values).
 */
export class InputError extends Error {
  readonly problems: InputProblem[]

  constructor(problems: InputProblem[]) {
    super(formatProblems(problems))
    this.name = 'InputError'
    this.problems = problems
  }
}

function formatProblems(problems: InputProblem[]): string {
  if (problems.length === 1) return `Input "${problems[0].input}": ${problems[0].message}`
  const lines = problems.map(p => `  - Input "${p.input}": ${p.message}`)
  return `${problems.length} inputs need fixing:\n${lines.join('\n')}`
}
