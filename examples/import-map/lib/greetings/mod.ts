export function greet(name: string): string {
  return `Hello, ${name}, via the import map!`
}
