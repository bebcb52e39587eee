import { randomBytes, randomInt, randomUUID } from 'node:crypto'

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Deployment ids are 12 lowercase alphanumerics like the hosted service (not UUIDs). */
export function newDeploymentId(): string {
  let id = ''
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)]
  return id
}

export const newUuid = (): string => randomUUID()

// Every response carries a ray id: drawn from a pool of random bytes, not one crypto call each.
const RAY_BYTES = 8
const RAY_POOL_BYTES = RAY_BYTES * 512
let rayPool = Buffer.alloc(0)
let rayOffset = 0

export function newRay(): string {
  if (rayOffset + RAY_BYTES > rayPool.length) {
    rayPool = randomBytes(RAY_POOL_BYTES)
    rayOffset = 0
  }
  rayOffset += RAY_BYTES
  return rayPool.toString('hex', rayOffset - RAY_BYTES, rayOffset)
}

export const newToken = (): string => `ddo_${randomBytes(24).toString('base64url')}`

const ADJECTIVES = [
  'sad',
  'strong',
  'brave',
  'calm',
  'eager',
  'fancy',
  'gentle',
  'happy',
  'jolly',
  'kind',
  'lucky',
  'proud',
  'quick',
  'silly',
  'witty'
]
const ANIMALS = [
  'rhino',
  'fox',
  'otter',
  'panda',
  'eagle',
  'koala',
  'lemur',
  'moose',
  'owl',
  'seal',
  'tiger',
  'whale',
  'yak',
  'zebra',
  'crab'
]

/** Random project names look like the hosted ones: `sad-rhino-75`. */
export function randomProjectName(): string {
  const pick = (list: string[]): string => list[randomInt(list.length)]
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${randomInt(10, 100)}`
}

/** RFC 3339 with microseconds, as the hosted API prints timestamps. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
