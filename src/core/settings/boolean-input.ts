/** The one boolean vocabulary of every input (deploy and lifecycle alike), case-insensitive. */
const TRUE_WORDS = ['true', 'yes', '1']
const FALSE_WORDS = ['false', 'no', '0']

/** `fallback` for an empty value; otherwise the word's meaning, or a report and `fallback`. */
export function parseBooleanInput(
  text: string,
  fallback: boolean,
  report: (message: string) => void
): boolean {
  const word = text.trim().toLowerCase()
  if (word === '') return fallback
  if (TRUE_WORDS.includes(word)) return true
  if (FALSE_WORDS.includes(word)) return false
  report(
    `${JSON.stringify(text.slice(0, 60))} is not a boolean. Use true or false (yes/no and 1/0 also work)`
  )
  return fallback
}
