// A tiny JSX runtime rendering to HTML strings (the automatic "react-jsx" transform calls it).

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Child = string | number | boolean | null | undefined | Html | Child[]
type Props = Record<string, unknown> & { children?: Child }
type Component = (props: Props) => Html

const escape = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return ''
  if (Array.isArray(child)) return child.map(renderChild).join('')
  return child instanceof Html ? child.value : escape(String(child))
}

export function jsx(type: string | Component, props: Props): Html {
  if (typeof type === 'function') return type(props)
  const { children, ...attributes } = props
  const attributeText = Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escape(String(value))}"`))
    .join('')
  return new Html(`<${type}${attributeText}>${renderChild(children)}</${type}>`)
}

export const jsxs = jsx

export function Fragment(props: Props): Html {
  return new Html(renderChild(props.children))
}

// deno-lint-ignore no-namespace
export namespace JSX {
  export type Element = Html
  export interface IntrinsicElements {
    [name: string]: Record<string, unknown>
  }
  export interface ElementChildrenAttribute {
    children: unknown
  }
}
