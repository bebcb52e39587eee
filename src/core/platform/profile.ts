/**
 * What differs between the APIs before a platform object exists (while the inputs are read) and
 * after it (wording, hints, the served-config digest). The factory hands out the profile of the
 * run's API; nothing outside the platform folders asks which API it is.
 */
import type { ApiErrorDetails } from '../http/api-errors.js'
import type { InputReader } from '../settings/value-parsers.js'
import type { ApiOptions, DeploySettings, PlatformVersion } from '../settings/settings.js'

/** The `project` input and the API's own inputs, validated. */
export interface ParsedTarget {
  projectId: string
  api: ApiOptions
  /** True when something else than an entry point says what to serve (a v2 framework preset). */
  entrypointOptional: boolean
}

/** A file a setting names that must be among the packed files (unless it is a URL). */
export interface FileReference {
  input: string
  value: string | null
  what: string
}

export interface PlatformProfile {
  readonly version: PlatformVersion
  /** What the `project` input names: 'app' (v2) or 'project' (v1). */
  readonly targetNoun: string
  /** What one deploy creates: 'revision' (v2) or 'deployment' (v1). */
  readonly deploymentNoun: string
  /** Production and previews are separate timelines (v2); v1 has one. */
  readonly hasTimelines: boolean
  /** Inputs only this API takes, each with what the other API offers instead. */
  readonly ownInputs: Readonly<Record<string, string>>
  parseTarget(read: InputReader): ParsedTarget
  fileReferences(settings: DeploySettings): FileReference[]
  /** What decides how the files are served (compared before a promotion); never the description. */
  servedConfig(settings: DeploySettings): Record<string, unknown>
  /** What the user should do about an error answer of this API. */
  hintFor(details: ApiErrorDetails): string
}
