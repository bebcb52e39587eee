/** The files under root cannot be packed as they are (symlink leaving root, size limit, ...). */
export class PackError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PackError'
  }
}
