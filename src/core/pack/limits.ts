/**
 * Platform limits checked before anything is uploaded. Source: Subhosting pricing and limits
 * ("a deployment must be under 1 GB in total"). Decimal GB, the stricter reading of "1 GB".
 */
export const MAX_DEPLOYMENT_BYTES = 1_000_000_000

/** v1 `description` is limited to 1000 characters. */
export const MAX_DESCRIPTION_LENGTH = 1000

/** v1 `requestTimeout` is an int32 of milliseconds. */
export const MAX_REQUEST_TIMEOUT_MS = 2_147_483_647

/** Env var names are limited to 128 bytes on Deno Deploy. */
export const MAX_ENV_NAME_BYTES = 128

/** Files above this are hashed in chunks instead of one buffer, to bound memory. */
export const WHOLE_READ_MAX_BYTES = 8 * 1024 * 1024
