#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(16);
const utils = __nccwpck_require__(59);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(595);
const utils = __nccwpck_require__(59);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 16:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(781);
const parse = __nccwpck_require__(265);
const utils = __nccwpck_require__(59);
const constants = __nccwpck_require__(595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(59);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 59:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_run_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(592);

// First Ctrl-C cancels the deploy cleanly (the core stops waiting and says where it was);
// a second one exits at once.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        if (controller.signal.aborted)
            process.exit(_cli_run_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.cancelled);
        controller.abort(new Error(`cancelled by ${signal}`));
    });
}
process.exitCode = await (0,_cli_run_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .a)({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal
});
// An idle keep-alive socket must not hold the terminal once the result is printed.
setTimeout(() => process.exit(), 2000).unref();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 592:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  d: () => (/* binding */ EXIT),
  a: () => (/* binding */ runCli)
});

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/core/api-errors.ts
/** Which action input a 400 message most likely points at, by the request field it names. */
const FIELD_INPUTS = [
    [/entry ?point/i, 'entrypoint'],
    [/import ?map/i, 'import-map'],
    [/lock ?file/i, 'lock-file'],
    [/compiler ?options|jsx|decorator/i, 'compiler-options'],
    [/database|\bkv\b/i, 'database-id'],
    [/env ?vars?|environment variable/i, 'env-vars'],
    [/request ?timeout/i, 'request-timeout'],
    [/permission|\bnet\b/i, 'allow-net'],
    [/description/i, 'description'],
    [/asset|symlink|gitSha1|file/i, 'root/include/exclude']
];
/** A non-2xx answer of the Subhosting API. `message` is the full, actionable text. */
class ApiError extends Error {
    status;
    code;
    serverMessage;
    ray;
    /** What the user should do about it. */
    hint;
    retryAfterMs;
    constructor(details) {
        const hint = hintFor(details);
        const code = details.code ? ` ${details.code}` : '';
        const ray = details.ray ? ` If it persists, quote ray ${details.ray} to support.` : '';
        super(`Subhosting API ${details.operation} failed (HTTP ${details.status}${code}): ` +
            `${details.serverMessage} ${hint}${ray}`);
        this.name = 'ApiError';
        this.status = details.status;
        this.code = details.code;
        this.serverMessage = details.serverMessage;
        this.ray = details.ray;
        this.hint = hint;
        this.retryAfterMs = details.retryAfterMs ?? null;
    }
    /** 408, 429 and 5xx are worth retrying; other statuses will not change on their own. */
    get transient() {
        return this.status === 408 || this.status === 429 || this.status >= 500;
    }
}
function hintFor({ status, code, serverMessage }) {
    if (status === 401 || code === 'invalidToken') {
        return ('Check the `token` input: it must be a Subhosting organization access token (v1), ' +
            'stored as a repository or environment secret, not expired or revoked.');
    }
    if (status === 403) {
        return 'Check that the `token` input belongs to the organization that owns the project.';
    }
    if (code === 'projectNotFound') {
        return ("Check the `project` input: it must be the project's UUID, and the organization of the " +
            '`token` must own that project.');
    }
    if (code === 'deploymentNotFound') {
        return 'The deployment no longer exists; it was probably deleted while this run used it.';
    }
    if (status === 400) {
        const input = FIELD_INPUTS.find(([pattern]) => pattern.test(serverMessage))?.[1];
        return input
            ? `The request was rejected; check the \`${input}\` input.`
            : 'The request was rejected; check the inputs the message names.';
    }
    if (status === 404)
        return 'Check the `api-url` and `project` inputs.';
    if (status === 413) {
        return 'The upload is too large; leave files out with the `exclude` input (limit 1 GB).';
    }
    if (status === 429) {
        return ('The Subhosting API is rate limiting this organization (deployments per hour are limited); ' +
            'wait and re-run, or raise the `timeout` input so retries can wait longer.');
    }
    if (status === 408 || status >= 500) {
        return ('The Subhosting platform had trouble (retried with backoff until it gave up); ' +
            're-run the job later or check the platform status.');
    }
    return 'Check the inputs and the `api-url`.';
}
/** The API could not be reached at all (DNS, refused, reset, per-request timeout). */
class NetworkError extends Error {
    /** Whether the whole request body had been handed to the connection when it failed. */
    bodySent;
    constructor(operation, apiUrl, cause, bodySent) {
        super(`Could not reach the Subhosting API for ${operation} (${describeCause(cause)}). ` +
            `Check the \`api-url\` input (${apiUrl}) and the runner's network; retried with backoff ` +
            'until it gave up.', { cause });
        this.name = 'NetworkError';
        this.bodySent = bodySent;
    }
}
function describeCause(cause) {
    // Duck-typed: errors from fetch may come from another realm (instanceof fails there).
    const outer = cause;
    if (!outer || typeof outer.message !== 'string')
        return String(cause);
    const inner = outer.cause;
    const code = inner?.code ?? outer.code;
    const message = typeof inner?.message === 'string' && inner.message ? inner.message : outer.message;
    return [typeof code === 'string' && !message.includes(code) ? code : '', message]
        .filter(Boolean)
        .join(': ');
}
/** The build failed; carries its last error lines and where in the repo it points, if anywhere. */
class DeployFailedError extends Error {
    deploymentId;
    logLines;
    annotation;
    constructor(deploymentId, logLines, annotation) {
        const shown = logLines.length ? `:\n${logLines.join('\n')}` : ' (the build log was empty).';
        super(`Deployment ${deploymentId} failed to build${shown}`);
        this.name = 'DeployFailedError';
        this.deploymentId = deploymentId;
        this.logLines = logLines;
        this.annotation = annotation;
    }
}
/** The `timeout` input ran out; names the deployment (if created) and its last known state. */
class DeployTimeoutError extends Error {
    deploymentId;
    lastState;
    constructor(timeoutMs, deploymentId, lastState) {
        const what = deploymentId ? `deployment ${deploymentId}` : 'the deployment';
        super(`Timed out after ${formatDuration(timeoutMs)} waiting for ${what}; last state: ${lastState}. ` +
            (deploymentId
                ? 'It may still finish on the platform; raise the `timeout` input if builds need longer.'
                : 'Raise the `timeout` input or re-run the job.'));
        this.name = 'DeployTimeoutError';
        this.deploymentId = deploymentId;
        this.lastState = lastState;
    }
}
/** The run was cancelled (SIGINT/SIGTERM wired to the AbortSignal). */
class CancelledError extends Error {
    deploymentId;
    lastState;
    constructor(deploymentId, lastState) {
        super(deploymentId
            ? `Cancelled while waiting for deployment ${deploymentId}; last state: ${lastState}. ` +
                'The platform keeps building it; check it with the deployment ID.'
            : `Cancelled before a deployment was created (${lastState}).`);
        this.name = 'CancelledError';
        this.deploymentId = deploymentId;
        this.lastState = lastState;
    }
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms} ms`;
    const seconds = Math.round(ms / 1000);
    if (seconds < 120)
        return `${seconds} s`;
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

;// CONCATENATED MODULE: ./src/core/ndjson.ts
/**
 * Line reader over a streamed HTTP body (NDJSON): lines may be split across chunks and a
 * multi-byte character across chunk boundaries; the last line needs no trailing newline.
 */
async function* readLines(body) {
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of body) {
        pending += decoder.decode(chunk, { stream: true });
        let newline;
        while ((newline = pending.indexOf('\n')) !== -1) {
            yield stripCarriageReturn(pending.slice(0, newline));
            pending = pending.slice(newline + 1);
        }
    }
    pending += decoder.decode();
    if (pending !== '')
        yield stripCarriageReturn(pending);
}
/** Parses every non-blank line as JSON; a line that is not JSON is an error naming it. */
async function* readNdjson(body) {
    for await (const line of readLines(body)) {
        if (line.trim() === '')
            continue;
        try {
            yield JSON.parse(line);
        }
        catch {
            throw new SyntaxError(`Malformed NDJSON line: ${line.slice(0, 200)}`);
        }
    }
}
function stripCarriageReturn(line) {
    return line.endsWith('\r') ? line.slice(0, -1) : line;
}

;// CONCATENATED MODULE: ./src/core/retry.ts
/**
 * Jittered exponential backoff bounded by a deadline and an AbortSignal.
 *
 * Hand-written rather than p-retry: p-retry neither honours a server's Retry-After nor stops at
 * an absolute deadline, and wrapping it for both would be longer than this file.
 */
const API_BACKOFF = { baseMs: 500, capMs: 15_000 };
/**
 * Delay before retry number `attempt` (0 = first retry): "equal jitter", i.e. a uniformly random
 * value in [d/2, d] with d = min(cap, base·2^attempt), so concurrent clients spread out but never
 * retry immediately.
 */
function backoffDelay(attempt, options = API_BACKOFF, random = Math.random) {
    const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/**
 * Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`, or null when
 * absent or malformed. A date in the past means "now" (0).
 */
function parseRetryAfter(value, now = Date.now()) {
    if (value == null)
        return null;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    // A bare number that is not a valid delta (negative, exponent, ...) must not fall through to
    // Date.parse, which would read it as a year.
    if (!/[a-z]/i.test(trimmed))
        return null;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return null;
    return Math.max(0, date - now);
}
/** Raised when waiting would pass the deadline; callers turn it into a domain-specific message. */
class DeadlineError extends Error {
    constructor(message = 'deadline reached') {
        super(message);
        this.name = 'DeadlineError';
    }
}
/** Raised when the caller's AbortSignal fires while we wait. */
class AbortedError extends Error {
    constructor(message = 'aborted') {
        super(message);
        this.name = 'AbortedError';
    }
}
/**
 * Sleeps `ms`, rejecting with AbortedError as soon as `signal` aborts, or with DeadlineError at
 * once when the sleep would end after `deadline` (epoch ms): there is no point waiting for a
 * retry that may not happen.
 */
function sleep(ms, signal, deadline) {
    if (signal?.aborted)
        return Promise.reject(new AbortedError());
    if (deadline !== undefined && Date.now() + ms > deadline) {
        return Promise.reject(new DeadlineError());
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            clearTimeout(timer);
            reject(new AbortedError());
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/**
 * Runs `fn` until it succeeds, the error is not retryable, attempts run out or the next wait
 * would pass the deadline; then the last error is rethrown (never a DeadlineError, so the caller
 * sees why the call failed). Aborting rejects with AbortedError.
 */
async function retry(fn, options) {
    for (let attempt = 0;; attempt++) {
        if (options.signal?.aborted)
            throw new AbortedError();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (options.signal?.aborted)
                throw new AbortedError();
            if (attempt + 1 >= options.maxAttempts)
                throw error;
            const decision = await options.classify(error, attempt);
            if (!decision.retry)
                throw error;
            const delayMs = decision.delayMs ?? backoffDelay(attempt, options.backoff, options.random);
            if (Date.now() + delayMs > options.deadline)
                throw error;
            options.onRetry?.(error, attempt, delayMs);
            await sleep(delayMs, options.signal);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/api-client.ts
/**
 * Typed client for the Subhosting v1 REST API over fetch, with retries.
 *
 * Retries: 408, 429, 5xx and network errors are retried with jittered exponential backoff
 * (Retry-After wins when the server sends it), never past the deadline (the `timeout` input)
 * and never after the AbortSignal fired. Reads, DELETE and the domain PUT are idempotent and
 * simply resent.
 *
 * NO DUPLICATE DEPLOYMENTS — when a failed create POST may be sent again:
 *  1. The request provably never reached the server's handler: the connection failed before
 *     the whole body was handed to it (refused, DNS, reset or timeout mid-upload). A create
 *     needs the complete JSON body, so nothing can have been created → resend.
 *  2. The server answered a non-transient 4xx (400 missingAssets, 401, 404, ...): nothing was
 *     created → never retried here (the caller may resend a corrected body).
 *  3. Anything else is AMBIGUOUS: 408/429/5xx answers (a proxy can lose a response the backend
 *     produced, so not even 429/503 are trusted), or a reset/timeout after the body was sent.
 *     Then, after the backoff, we RECONCILE: list the project's deployments (newest first, only
 *     those created since the first attempt, with 10 minutes of clock-skew slack) and adopt one
 *     whose `description` equals ours. Only when none matches is the POST resent.
 *  The description is unique per run: deploy() appends a random run marker to it (see
 *  deployment.ts), so a match can only be our own request. Caveat: the hosted API documents
 *  `description` only on successful deployments, so a lost-then-pending deployment may be
 *  missed there and a duplicate created; the local server returns it whenever set.
 */



/** Kept equal to package.json's version (a test checks it). */
const CLIENT_VERSION = '0.1.0';
const USER_AGENT = `subhosting-deploy/${CLIENT_VERSION}`;
/** Clock skew allowed between us and the server when looking for a deployment we created. */
const RECONCILE_SKEW_MS = 10 * 60_000;
const MAX_LIST_PAGES = 50;
class SubhostingClient {
    apiUrl;
    token;
    deadline;
    signal;
    log;
    attemptTimeoutMs;
    maxAttempts;
    constructor(options) {
        this.apiUrl = options.apiUrl.replace(/\/+$/, '');
        this.token = options.token;
        this.deadline = options.deadline;
        this.signal = options.signal;
        this.log = options.log ?? (() => { });
        this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
        this.maxAttempts = options.maxAttempts ?? 10;
    }
    /**
     * The same client without the run's abort signal and with a short deadline of its own: after a
     * cancel, one last lookup may still tell the user which deployment the cancelled create made.
     */
    detached(timeoutMs) {
        return new SubhostingClient({
            apiUrl: this.apiUrl,
            token: this.token,
            deadline: Math.min(this.deadline, Date.now() + timeoutMs),
            log: this.log,
            attemptTimeoutMs: Math.min(this.attemptTimeoutMs, timeoutMs),
            maxAttempts: 2
        });
    }
    getOrganization(organizationId) {
        return this.json('GET', `/organizations/${seg(organizationId)}`);
    }
    getProject(projectId) {
        return this.json('GET', `/projects/${seg(projectId)}`);
    }
    getDeployment(deploymentId) {
        return this.json('GET', `/deployments/${seg(deploymentId)}`);
    }
    async deleteDeployment(deploymentId) {
        await this.json('DELETE', `/deployments/${seg(deploymentId)}`);
    }
    /** Not idempotent (each call creates a deployment): resent only when it never left. */
    redeploy(deploymentId, request) {
        const path = `/deployments/${seg(deploymentId)}/redeploy`;
        return this.call(`POST ${path}`, error => error instanceof NetworkError && !error.bodySent, this.maxAttempts, () => this.send('POST', path, { body: JSON.stringify(request) }).then((readJson)));
    }
    /** `domain` may hold the placeholders {project.name} and {deployment.id} (sent encoded). */
    attachDomain(deploymentId, domain) {
        return this.json('PUT', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`);
    }
    async detachDomain(deploymentId, domain) {
        await this.json('DELETE', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`);
    }
    /**
     * Every deployment of a project across pages (follows `Link: rel="next"`). `until` stops
     * paging early once it returns true for a page (e.g. "all older than X, newest first").
     */
    async listDeployments(projectId, query = {}, until) {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query))
            params.set(key, String(value));
        const search = params.size ? `?${params}` : '';
        let url = `${this.apiUrl}/projects/${seg(projectId)}/deployments${search}`;
        const all = [];
        for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
            const pageUrl = url;
            const { items, next } = await this.call(`GET ${pathOf(pageUrl)}`, api_client_transient, this.maxAttempts, async () => {
                const res = await this.send('GET', pageUrl);
                return { items: await readJson(res), next: nextLink(res, pageUrl) };
            });
            all.push(...items);
            if (items.length === 0 || until?.(items))
                break;
            url = next;
        }
        return all;
    }
    /**
     * Build log lines as a live NDJSON stream, ending when the build is terminal. Opening is
     * retried only `attempts` times: callers have polling to fall back on.
     */
    async streamBuildLogs(deploymentId, attempts = 2) {
        const path = `/deployments/${seg(deploymentId)}/build_logs`;
        const res = await this.call(`GET ${path}`, api_client_transient, attempts, () => this.send('GET', path, { accept: 'application/x-ndjson', stream: true }));
        if (!res.body)
            throw new Error(`GET ${path} returned no body`);
        return readNdjson(res.body);
    }
    /** The whole build log as a JSON array (the server answers once the build is terminal). */
    getBuildLogs(deploymentId) {
        return this.json('GET', `/deployments/${seg(deploymentId)}/build_logs`);
    }
    /**
     * Creates a deployment from a streamed body, applying the no-duplicate rule documented at
     * the top of this file. `description` must be exactly the description inside the body.
     */
    async createDeployment(projectId, body, description) {
        const path = `/projects/${seg(projectId)}/deployments`;
        const operation = `POST ${path}`;
        const since = Date.now() - RECONCILE_SKEW_MS;
        let ambiguous = false;
        return this.call(operation, error => {
            if (error instanceof NetworkError && !error.bodySent)
                return true;
            ambiguous = api_client_transient(error);
            return ambiguous;
        }, this.maxAttempts, async () => {
            if (ambiguous) {
                ambiguous = false;
                const found = await this.findCreated(projectId, description, since);
                if (found) {
                    this.log(`Found deployment ${found.id} created by the lost request; adopting it.`);
                    return { deployment: found, adopted: true };
                }
            }
            const res = await this.send('POST', path, { body, timeoutMs: 0 });
            return { deployment: await readJson(res), adopted: false };
        });
    }
    /** The deployment created since `since` (epoch ms) whose description is `description`. */
    async findCreated(projectId, description, since) {
        const isOld = (d) => Date.parse(d.createdAt) < since;
        // Stop at a page of only old deployments, but only if the server really sorted newest
        // first; a server that ignored `order` could hold ours on a later page.
        const pastRecent = (page) => page.every(isOld) &&
            Date.parse(page[0].createdAt) >= Date.parse(page[page.length - 1].createdAt);
        const recent = await this.listDeployments(projectId, { sort: 'created_at', order: 'desc', limit: 100 }, pastRecent);
        return recent.find(d => d.description === description && !isOld(d));
    }
    json(method, path) {
        return this.call(`${method} ${path}`, api_client_transient, this.maxAttempts, () => this.send(method, path).then((readJson)));
    }
    /** Retries `attempt` per `retryable` (Retry-After honoured); maps abort and deadline. */
    call(operation, retryable, maxAttempts, attempt) {
        return retry(attempt, {
            deadline: this.deadline,
            signal: this.signal,
            maxAttempts,
            classify: (error) => {
                if (!retryable(error))
                    return { retry: false };
                const delayMs = error instanceof ApiError ? (error.retryAfterMs ?? undefined) : undefined;
                return { retry: true, delayMs };
            },
            onRetry: (error, n, delayMs) => {
                const why = error instanceof ApiError ? `HTTP ${error.status}` : describe(error);
                this.log(`${operation}: ${why}; retrying in ${(delayMs / 1000).toFixed(1)} s ` +
                    `(attempt ${n + 2} of ${maxAttempts}).`);
            }
        });
    }
    /**
     * One HTTP exchange. Non-2xx → ApiError; transport failure → NetworkError (with whether the
     * body was fully sent); the deadline → DeadlineError; the caller's signal → AbortedError.
     */
    async send(method, pathOrUrl, options = {}) {
        const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.apiUrl}${pathOrUrl}`;
        const operation = `${method} ${pathOf(url)}`;
        const headerTimeout = new AbortController();
        const remaining = this.deadline - Date.now();
        if (remaining <= 0)
            throw new DeadlineError(`${operation}: deadline reached`);
        const signals = [headerTimeout.signal, AbortSignal.timeout(remaining)];
        if (this.signal)
            signals.push(this.signal);
        const timeoutMs = options.timeoutMs ?? this.attemptTimeoutMs;
        const timer = timeoutMs > 0 ? setTimeout(() => headerTimeout.abort(), timeoutMs) : undefined;
        let bodySent = options.body === undefined || typeof options.body === 'string';
        let body;
        if (typeof options.body === 'function') {
            const source = options.body;
            body = (async function* () {
                yield* source();
                bodySent = true;
            })();
        }
        else {
            body = options.body;
        }
        const headers = {
            Authorization: `Bearer ${this.token}`,
            'User-Agent': USER_AGENT,
            Accept: options.accept ?? 'application/json'
        };
        if (body !== undefined)
            headers['Content-Type'] = 'application/json';
        let res;
        try {
            res = await fetch(url, {
                method,
                headers,
                body,
                signal: AbortSignal.any(signals),
                ...(typeof body === 'object' ? { duplex: 'half' } : {})
            });
            if (!options.stream || !res.ok)
                await bufferBody(res);
        }
        catch (error) {
            if (this.signal?.aborted)
                throw new AbortedError(`${operation} aborted`);
            if (Date.now() >= this.deadline)
                throw new DeadlineError(`${operation}: deadline reached`);
            const cause = headerTimeout.signal.aborted
                ? new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)
                : error;
            throw new NetworkError(operation, this.apiUrl, cause, bodySent && !neverConnected(error));
        }
        finally {
            clearTimeout(timer);
        }
        if (res.ok)
            return res;
        throw toApiError(res, operation);
    }
}
/** The connection was never established, so no byte of the request reached a server. */
function neverConnected(error) {
    const code = error?.cause?.code;
    return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
function api_client_transient(error) {
    return error instanceof NetworkError || (error instanceof ApiError && error.transient);
}
function seg(value) {
    return encodeURIComponent(value);
}
function pathOf(url) {
    const { pathname } = new URL(url);
    return pathname.replace(/^\/v1(?=\/)/, '');
}
function describe(error) {
    return error instanceof NetworkError ? 'network error' : String(error);
}
/**
 * Reads the whole body inside the attempt (so a connection dropped mid-body is retried as a
 * network error) and keeps it on the response for readJson.
 */
async function bufferBody(res) {
    const text = await res.text();
    bufferedText.set(res, text);
}
const bufferedText = new WeakMap();
async function readJson(res) {
    const text = bufferedText.get(res) ?? (await res.text());
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`The Subhosting API answered with invalid JSON: ${text.slice(0, 200)}`);
    }
}
function toApiError(res, operation) {
    const text = bufferedText.get(res) ?? '';
    const retryAfterMs = res.headers.has('retry-after-ms') && /^\d+$/.test(res.headers.get('retry-after-ms') ?? '')
        ? Number(res.headers.get('retry-after-ms'))
        : parseRetryAfter(res.headers.get('retry-after'));
    const details = {
        status: res.status,
        code: '',
        serverMessage: res.statusText || 'no message',
        ray: res.headers.get('x-deno-ray'),
        operation,
        retryAfterMs
    };
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.code === 'string')
            details.code = parsed.code;
        if (typeof parsed.message === 'string')
            details.serverMessage = parsed.message;
    }
    catch {
        if (text.trim())
            details.serverMessage = text.trim().slice(0, 300);
    }
    return new ApiError(details);
}
/** The `rel="next"` target of an RFC 8288 Link header, resolved against the request URL. */
function nextLink(res, requestUrl) {
    const header = res.headers.get('link');
    if (!header)
        return null;
    for (const part of header.split(/,(?=\s*<)/)) {
        const match = /<([^>]*)>((?:\s*;\s*[^;]+)*)/.exec(part.trim());
        if (match && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) {
            return new URL(match[1], requestUrl).toString();
        }
    }
    return null;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/core/upload-body.ts
/**
 * Streams the JSON body of a create request. Payloads can approach 1 GB, beyond what a V8
 * string holds, so file contents are read from disk lazily, one asset at a time, in chunks,
 * and escaped as they go; memory use stays at one chunk.
 */

/** A multiple of 3, so base64 chunks concatenate without padding in between. */
const CHUNK_BYTES = 3 * 256 * 1024;
/**
 * `inline(file)` decides, per file, whether its content is sent or only its git SHA-1.
 * Assets are keyed by their root-relative POSIX path; symlinks keep their relative target.
 */
function planUpload(fields, entries, inline) {
    let filesInline = 0;
    let bytesInline = 0;
    for (const entry of entries) {
        if (entry.kind === 'file' && inline(entry)) {
            filesInline++;
            bytesInline += entry.size;
        }
    }
    return {
        filesInline,
        bytesInline,
        body: () => encodeChunks(bodyParts(fields, entries, inline))
    };
}
async function* bodyParts(fields, entries, inline) {
    const head = JSON.stringify(fields);
    yield head === '{}' ? '{"assets":{' : `${head.slice(0, -1)},"assets":{`;
    let first = true;
    for (const entry of entries) {
        yield `${first ? '' : ','}${JSON.stringify(entry.path)}:`;
        first = false;
        if (entry.kind === 'symlink') {
            yield JSON.stringify({ kind: 'symlink', target: entry.target });
        }
        else if (!inline(entry)) {
            yield JSON.stringify({ kind: 'file', gitSha1: entry.gitSha1 });
        }
        else {
            yield `{"kind":"file","encoding":"${entry.encoding}","content":"`;
            yield* fileContent(entry);
            yield '"}';
        }
    }
    yield '}}';
}
/** The file's content as JSON string-literal fragments (without the quotes). */
async function* fileContent(file) {
    const handle = await (0,promises_namespaceObject.open)(file.absPath, 'r');
    try {
        const decoder = new TextDecoder('utf-8', { fatal: true });
        const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(file.size, 1)));
        let total = 0;
        let carry = Buffer.alloc(0);
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            if (total > file.size)
                break;
            const chunk = buffer.subarray(0, bytesRead);
            if (file.encoding === 'utf-8') {
                yield escapeJson(decoder.decode(chunk, { stream: true }));
            }
            else {
                // Short reads are possible: only whole 3-byte groups are encoded, the rest carried.
                const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
                const whole = bytes.length - (bytes.length % 3);
                yield bytes.subarray(0, whole).toString('base64');
                carry = Buffer.from(bytes.subarray(whole));
            }
        }
        if (total !== file.size) {
            throw new Error(`${file.path} changed while it was being uploaded (${file.size} bytes when packed, ` +
                `${total} bytes now); make sure nothing writes under root during the deploy.`);
        }
        if (file.encoding === 'utf-8')
            yield escapeJson(decoder.decode());
        else if (carry.length)
            yield carry.toString('base64');
    }
    finally {
        await handle.close();
    }
}
function escapeJson(text) {
    return text === '' ? '' : JSON.stringify(text).slice(1, -1);
}
async function* encodeChunks(parts) {
    const encoder = new TextEncoder();
    // Many assets are tiny: batch small parts so the socket sees fewer, larger writes.
    let batch = '';
    for await (const part of parts) {
        batch += part;
        if (batch.length >= 64 * 1024) {
            yield encoder.encode(batch);
            batch = '';
        }
    }
    if (batch)
        yield encoder.encode(batch);
}

;// CONCATENATED MODULE: external "node:dns"
const external_node_dns_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: ./src/core/url-probe.ts
/**
 * The public URL of a deployment and a probe that waits until it serves.
 *
 * URL rule (shared with the local server): when the API host is loopback the deployment is
 * served on the API's own port over plain HTTP (`http://<domain>:<api-port>/`), otherwise at
 * `https://<domain>/`. Node's fetch cannot resolve `*.localhost`, so the probe uses node:http(s)
 * with a lookup that maps `localhost` and `*.localhost` to 127.0.0.1 (RFC 6761).
 */




function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        host === '::1' ||
        /^127(\.\d{1,3}){3}$/.test(host));
}
function deploymentUrl(apiUrl, domain) {
    const api = new URL(apiUrl);
    if (!isLoopbackHost(api.hostname))
        return `https://${domain}/`;
    const port = api.port || (api.protocol === 'https:' ? '443' : '80');
    return `http://${domain}:${port}/`;
}
/** dns.lookup, except that `localhost` and `*.localhost` always resolve to 127.0.0.1. */
function localhostAwareLookup(hostname, options, callback) {
    const host = hostname.toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost')) {
        if (options.all)
            callback(null, [{ address: '127.0.0.1', family: 4 }]);
        else
            callback(null, '127.0.0.1', 4);
        return;
    }
    const lookup = external_node_dns_namespaceObject.lookup;
    lookup(hostname, options, callback);
}
/** One GET; resolves with the status code (the body is drained and discarded). */
function requestStatus(url, signal, timeoutMs = 10_000) {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    return new Promise((resolve, reject) => {
        const req = client.request(target, {
            method: 'GET',
            lookup: localhostAwareLookup,
            headers: { 'User-Agent': 'subhosting-deploy (url probe)' },
            signal,
            timeout: timeoutMs
        }, res => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
        req.on('error', reject);
        req.end();
    });
}
const PROBE_BACKOFF = { baseMs: 250, capMs: 5_000 };
/**
 * GETs `url` until it answers with a status below 500. Throws AbortedError on abort and
 * DeadlineError (message = last outcome) when the next try would pass the deadline.
 */
async function probeUntilServing(url, options) {
    const signals = [AbortSignal.timeout(Math.max(1, options.deadline - Date.now()))];
    if (options.signal)
        signals.push(options.signal);
    const signal = AbortSignal.any(signals);
    for (let attempt = 0;; attempt++) {
        let outcome;
        try {
            const status = await requestStatus(url, signal);
            if (status < 500)
                return { status, attempts: attempt + 1 };
            outcome = `HTTP ${status}`;
        }
        catch (error) {
            outcome = describeProbeError(error);
        }
        options.onAttempt?.(outcome);
        try {
            await sleep(backoffDelay(attempt, options.backoff ?? PROBE_BACKOFF), options.signal, options.deadline);
        }
        catch (error) {
            if (error instanceof Error && error.name === 'DeadlineError')
                error.message = outcome;
            throw error;
        }
    }
}
function describeProbeError(error) {
    // Duck-typed: node:http errors come from another realm under test runners.
    const { code, message } = (error ?? {});
    const text = typeof message === 'string' ? message : String(error);
    return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

;// CONCATENATED MODULE: ./src/core/deployment.ts
/**
 * The life of one deployment: create (upload) → follow the build → probe the URL → live.
 * Every wait is bounded by the deadline (the `timeout` input) and the AbortSignal; both end in
 * an error that names the deployment and its last state.
 *
 * Upload rule (hashes first, only where proven): against the local server (loopback API) the
 * first create sends every file as `{kind:'file', gitSha1}`; the server answers 400
 * `missingAssets` listing the hashes it lacks, and the second create inlines exactly those, so
 * re-deploying unchanged files uploads nothing. A 400 never creates a deployment, so this is
 * safe. If the 400 lists no hash we sent, everything is inlined. The hosted v1 API's behaviour
 * for unknown hashes is unconfirmed (it might create a deployment that then fails), so there
 * every file is sent inline from the start.
 *
 * Duplicate avoidance for the create POST itself is documented in api-client.ts; its
 * description match relies on the run marker added by `withRunMarker`.
 */







const MAX_DESCRIPTION = 1000;
const POLL_BACKOFF = { baseMs: 1_000, capMs: 5_000 };
const ERROR_LINES_SHOWN = 20;
/** How long the lookup after a cancel may take: the user is waiting for the step to stop. */
const CANCEL_LOOKUP_MS = 5_000;
/** Appends a random marker so the description identifies this run's create request. */
function withRunMarker(description, marker = (0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')) {
    const suffix = ` [deploy ${marker}]`;
    return description.slice(0, MAX_DESCRIPTION - suffix.length) + suffix;
}
/** Creates the deployment (hashes first where supported, see above). */
async function createDeployment(ctx, projectId, fields, entries) {
    const hashesFirst = isLoopbackHost(new URL(ctx.apiUrl).hostname);
    let missing = hashesFirst ? new Set() : 'all';
    for (;;) {
        const want = missing;
        const plan = planUpload(fields, entries, file => want === 'all' || want.has(file.gitSha1));
        const byHash = countFiles(entries) - plan.filesInline;
        ctx.reporter.info(plan.filesInline === 0 && byHash > 0
            ? `Sending ${byHash} file hash(es) first; the server names the contents it lacks.`
            : `Uploading ${plan.filesInline} file(s) (${plan.bytesInline} bytes)` +
                (byHash ? `; ${byHash} unchanged file(s) by hash.` : '.'));
        const attemptStarted = Date.now();
        try {
            const { deployment, adopted } = await guard(ctx, null, 'creating', () => ctx.client.createDeployment(projectId, plan.body, fields.description));
            if (adopted)
                ctx.reporter.info(`Recovered deployment ${deployment.id} after a lost response.`);
            return { deployment, filesUploaded: plan.filesInline, bytesUploaded: plan.bytesInline };
        }
        catch (error) {
            if (error instanceof CancelledError && !error.deploymentId) {
                throw await namedCancel(ctx, projectId, fields.description, attemptStarted, error);
            }
            if (!(error instanceof ApiError && error.code === 'missingAssets') || want === 'all')
                throw error;
            const ours = new Set(entries.flatMap(e => (e.kind === 'file' ? [e.gitSha1] : [])));
            const listed = (error.serverMessage.match(/[0-9a-f]{40}/g) ?? []).filter(h => ours.has(h));
            const grows = listed.some(h => !want.has(h));
            missing = grows ? new Set([...want, ...listed]) : 'all';
            ctx.reporter.info(missing === 'all'
                ? 'The server lacks some file contents; sending every file inline.'
                : `The server lacks ${missing.size} file content(s); sending those inline.`);
        }
    }
}
/**
 * A cancel can land after the server took the create request but before its answer came back.
 * One short lookup by this run's description marker then names the deployment, so the user
 * knows what was left building; when it finds nothing (or fails), the plain cancel stands.
 */
async function namedCancel(ctx, projectId, description, since, cancel) {
    try {
        const found = await ctx.client
            .detached(CANCEL_LOOKUP_MS)
            .findCreated(projectId, description, since - RECONCILE_SKEW_MS);
        return found
            ? new CancelledError(found.id, `${found.status} (created just before the cancel)`)
            : cancel;
    }
    catch {
        return cancel;
    }
}
/**
 * Follows the build until it is terminal (NDJSON log stream, polling when the stream breaks),
 * then probes the URL until it answers below 500. Throws DeployFailedError,
 * DeployTimeoutError or CancelledError.
 */
async function waitUntilLive(ctx, created) {
    const id = created.id;
    const started = Date.now();
    const { deployment, logs } = await ctx.reporter.group(`Build logs (deployment ${id})`, () => followBuild(ctx, created));
    const buildMs = Date.now() - started;
    if (deployment.status === 'failed')
        throw failure(ctx, id, logs);
    const domain = deployment.domains?.[0];
    if (!domain) {
        ctx.reporter.info(`Deployment ${id} is live but has no domain attached.`);
        return { deployment, url: null, buildMs };
    }
    const url = deploymentUrl(ctx.apiUrl, domain);
    let last = 'no answer yet';
    await guard(ctx, id, () => `success, URL ${url} not serving yet (last: ${last})`, async () => {
        const probe = await probeUntilServing(url, {
            deadline: ctx.deadline,
            signal: ctx.signal,
            onAttempt: outcome => {
                last = outcome;
                ctx.reporter.debug(`Probe ${url}: ${outcome}`);
            }
        });
        ctx.reporter.info(`${url} answers HTTP ${probe.status}.`);
    });
    return { deployment, url, buildMs };
}
async function followBuild(ctx, created) {
    const id = created.id;
    const logs = [];
    let complete = false;
    const state = () => `pending (building, ${logs.length} log line(s) so far)`;
    try {
        const stream = await guard(ctx, id, state, () => ctx.client.streamBuildLogs(id));
        for await (const entry of stream) {
            if (typeof entry?.message !== 'string')
                continue; // keep-alives and unknown events
            logs.push(entry);
            ctx.reporter.info(formatLogLine(entry));
        }
        complete = true;
    }
    catch (error) {
        rethrowStop(ctx, id, state(), error);
        ctx.reporter.info(`The build log stream broke (${describeCause(error)}); ` +
            'polling the deployment status instead.');
    }
    const deployment = await pollUntilTerminal(ctx, created);
    if (deployment.status === 'failed' && !complete) {
        // The stream broke: fetch the whole log once and show what we missed.
        const all = await guard(ctx, id, 'failed', () => ctx.client.getBuildLogs(id)).catch(error => {
            rethrowStop(ctx, id, 'failed', error);
            ctx.reporter.warning(`Could not fetch the build log: ${error.message}`);
            return logs;
        });
        for (const entry of all.slice(logs.length))
            ctx.reporter.info(formatLogLine(entry));
        return { deployment, logs: all };
    }
    return { deployment, logs };
}
async function pollUntilTerminal(ctx, created) {
    let current = created;
    const state = () => `${current.status} (polling)`;
    for (let attempt = 0;; attempt++) {
        current = await guard(ctx, created.id, state, () => ctx.client.getDeployment(created.id));
        if (current.status !== 'pending')
            return current;
        const delay = backoffDelay(attempt, POLL_BACKOFF);
        await guard(ctx, created.id, state, () => sleep(delay, ctx.signal, ctx.deadline));
    }
}
/** Runs `fn`, turning abort/deadline into CancelledError/DeployTimeoutError. */
async function guard(ctx, deploymentId, state, fn) {
    try {
        return await fn();
    }
    catch (error) {
        rethrowStop(ctx, deploymentId, typeof state === 'string' ? state : state(), error);
        throw error;
    }
}
/** Rethrows as CancelledError/DeployTimeoutError when the run was stopped; otherwise returns. */
function rethrowStop(ctx, deploymentId, state, error) {
    if (error instanceof CancelledError || error instanceof DeployTimeoutError)
        throw error;
    if (ctx.signal?.aborted || error instanceof AbortedError) {
        throw new CancelledError(deploymentId, state);
    }
    if (error instanceof DeadlineError || Date.now() >= ctx.deadline) {
        throw new DeployTimeoutError(ctx.timeoutMs, deploymentId, state);
    }
}
function failure(ctx, id, logs) {
    const errors = logs.filter(e => e.level === 'error');
    const shown = (errors.length ? errors : logs).slice(-ERROR_LINES_SHOWN).map(e => e.message);
    return new DeployFailedError(id, shown, annotationFor(shown, ctx.rootInRepo, ctx.assetPaths));
}
/** An absolute path or file URL with line and column, e.g. `file:///src/main.ts:3:7`. */
const LOCATION = /^(?:file:\/\/)?(\/\S*):(\d+):(\d+)$/;
/**
 * Pins a build error to a repository file. Deno names assets `file:///src/<path>:L:C` (or a
 * longer `file:///…/src/<path>` on other hosts), where <path> is relative to root; the
 * candidate after a `/src/` that is one of the packed assets wins, and its repository path is
 * root's own path joined with it. Remote modules (https://…) never match.
 */
function annotationFor(lines, rootInRepo, assetPaths) {
    const annotation = { title: 'Deployment build failed' };
    if (rootInRepo === null)
        return annotation;
    for (const line of lines) {
        for (const token of line.split(/[\s()'"`]+/)) {
            const match = LOCATION.exec(token.replace(/[,.;]+$/, ''));
            const asset = match && assetIn(match[1], assetPaths);
            if (!match || !asset)
                continue;
            return {
                ...annotation,
                file: external_node_path_default().posix.join(rootInRepo, asset),
                startLine: Number(match[2]),
                startColumn: Number(match[3])
            };
        }
    }
    return annotation;
}
function assetIn(absolutePath, assetPaths) {
    for (let at = absolutePath.indexOf('/src/'); at !== -1; at = absolutePath.indexOf('/src/', at + 1)) {
        const candidate = safeDecode(absolutePath.slice(at + '/src/'.length));
        if (assetPaths.has(candidate))
            return candidate;
    }
    return null;
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function formatLogLine(entry) {
    return entry.level === 'info' ? entry.message : `[${entry.level}] ${entry.message}`;
}
function countFiles(entries) {
    return entries.filter(e => e.kind === 'file').length;
}

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * Every problem found in the inputs at once, so a user fixes them in one round trip.
 * Messages never contain secret values (token, env var values).
 */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(formatProblems(problems));
        this.name = 'InputError';
        this.problems = problems;
    }
}
/** The files under root cannot be packed as they are (symlink leaving root, size limit, ...). */
class PackError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PackError';
    }
}
function formatProblems(problems) {
    if (problems.length === 1)
        return `Input "${problems[0].input}": ${problems[0].message}`;
    const lines = problems.map(p => `  - Input "${p.input}": ${p.message}`);
    return `${problems.length} inputs need fixing:\n${lines.join('\n')}`;
}

;// CONCATENATED MODULE: ./src/core/git-hash.ts

const { createHash } = external_node_crypto_namespaceObject;
/** `blob <size>\0`: git hashes this header, then the content. */
function gitBlobHeader(byteLength) {
    return `blob ${byteLength}\0`;
}
/**
 * A SHA-1 hasher primed with git's blob header, so that feeding it the content yields the git
 * blob ID (`git hash-object -t blob`), which is what v1 `gitSha1` assets name.
 */
function gitBlobHasher(byteLength) {
    return createHash('sha1').update(gitBlobHeader(byteLength));
}
/**
 * SHA-1 of bytes already laid out as header + content. One-shot `crypto.hash` (Node ≥ 20.12)
 * skips creating a Hash object per file, which shows up when hashing thousands of small files.
 */
const sha1Hex = typeof external_node_crypto_namespaceObject.hash === 'function'
    ? data => external_node_crypto_namespaceObject.hash('sha1', data, 'hex')
    : data => createHash('sha1').update(data).digest('hex');
/** Git blob SHA-1 of `content`: `"a\n"` → 78981922613b2afb6025042ff6bd878ac1994e85. */
function gitBlobSha1(content) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf-8') : content;
    return gitBlobHasher(bytes.byteLength).update(bytes).digest('hex');
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __nccwpck_require__(6);
var picomatch_default = /*#__PURE__*/__nccwpck_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/core/globs.ts
/*
 * Path selection for the packer. We walk the tree ourselves (lstat semantics, pruning, one
 * readdir per directory) and only need "does this relative path match": picomatch compiles each
 * glob once to a RegExp and matches POSIX paths identically on every OS. @actions/glob walks
 * the tree itself and returns absolute OS paths we would re-filter and re-stat; measured on the
 * 10,000-file bench tree it took ~0.7 s just to list the files, against ~15 ms for this walk
 * with picomatch, and git hashes the whole tree in ~0.25 s.
 */

/** Directory names never packed: VCS metadata is never part of an app. */
const ALWAYS_EXCLUDED = '.git';
/** Excluded by default; packed only when an include glob names it explicitly. */
const DEPENDENCY_DIR = 'node_modules';
/**
 * Globs are relative to root. A glob without a slash matches a name at any depth (like
 * .gitignore: `*.log`, `dist`); one with a slash is anchored at root (`src/**`). A glob that
 * matches a directory selects (include) or drops (exclude) everything below it.
 */
function createPathFilter(include, exclude) {
    const includeAll = include.length === 0;
    const isIncluded = compile(include);
    const isExcluded = compile(exclude);
    const wantsDependencies = include.some(glob => glob.split('/').includes(DEPENDENCY_DIR));
    const includeBases = include.map(staticBase);
    // A directory can hold included files when no include glob is anchored elsewhere.
    const mayContainIncluded = (dir) => includeAll ||
        includeBases.some(base => base === null || base === dir || base.startsWith(`${dir}/`) || dir.startsWith(`${base}/`));
    return {
        prunes(dir) {
            const name = dir.slice(dir.lastIndexOf('/') + 1);
            if (name === ALWAYS_EXCLUDED)
                return true;
            if (name === DEPENDENCY_DIR && !wantsDependencies)
                return true;
            return isExcluded(dir) || !mayContainIncluded(dir);
        },
        includesDir(dir) {
            return !includeAll && isIncluded(dir);
        },
        selects(path, underIncludedDir) {
            // A `.git` file is a submodule's or worktree's pointer to its repository.
            if (path.slice(path.lastIndexOf('/') + 1) === ALWAYS_EXCLUDED)
                return false;
            if (isExcluded(path))
                return false;
            return includeAll || underIncludedDir || isIncluded(path);
        }
    };
}
const PICO_OPTIONS = { dot: true, windows: false };
function compile(globs) {
    // picomatch's `basename` option applies to every glob, slashes or not, so split them here.
    const byName = globs.filter(glob => !glob.includes('/'));
    const byPath = globs.filter(glob => glob.includes('/'));
    const matchName = byName.length > 0 ? picomatch_default()(byName, PICO_OPTIONS) : null;
    const matchPath = byPath.length > 0 ? picomatch_default()(byPath, PICO_OPTIONS) : null;
    return path => (matchName !== null && matchName(path.slice(path.lastIndexOf('/') + 1))) ||
        (matchPath !== null && matchPath(path));
}
/** The literal directory prefix of an anchored glob (`src/app/**` → `src/app`); null when unanchored. */
function staticBase(glob) {
    if (!glob.includes('/'))
        return null;
    const { base } = picomatch_default().scan(glob);
    return base === '' ? null : base.replace(/\/+$/, '');
}
/** Problems with one glob, or null when usable. Used by input parsing. */
function globProblem(glob) {
    if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
        return 'is absolute; globs are relative to root. Drop the leading slash (a glob with a slash is anchored at root, one without matches at any depth)';
    }
    if (glob.startsWith('!')) {
        return 'is negated; negation is not supported. List what to pack in "include" and what to leave out in "exclude"';
    }
    if (glob.split('/').includes('..')) {
        return 'leaves root with ".."; only files under root are packed. Move root up instead';
    }
    try {
        picomatch_default().makeRe(glob, PICO_OPTIONS);
    }
    catch (err) {
        return `is not a valid glob (${err.message})`;
    }
    return null;
}
/** `./src/**` → `src/**`: the walker matches paths without a leading `./`. */
function normalizeGlob(glob) {
    let out = glob.trim();
    while (out.startsWith('./'))
        out = out.slice(2);
    return out;
}

;// CONCATENATED MODULE: ./src/core/limits.ts
/**
 * Platform limits checked before anything is uploaded. Source: Subhosting pricing and limits
 * ("a deployment must be under 1 GB in total"). Decimal GB, the stricter reading of "1 GB".
 */
const MAX_DEPLOYMENT_BYTES = 1_000_000_000;
/** v1 `description` is limited to 1000 characters. */
const MAX_DESCRIPTION_LENGTH = 1000;
/** v1 `requestTimeout` is an int32 of milliseconds. */
const MAX_REQUEST_TIMEOUT_MS = 2_147_483_647;
/** Env var names are limited to 128 bytes on Deno Deploy. */
const MAX_ENV_NAME_BYTES = 128;
/** Files above this are hashed in chunks instead of one buffer, to bound memory. */
const WHOLE_READ_MAX_BYTES = 8 * 1024 * 1024;

;// CONCATENATED MODULE: ./src/core/edit-distance.ts
/** Levenshtein distance, for "did you mean" suggestions on flags and file paths. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./src/core/references.ts




/**
 * Checks that the entry point, import map and lock file given as paths are among the packed
 * files (URLs and auto-discovery are the platform's business). Throws one InputError naming
 * each missing path, whether it exists but was filtered out, and the nearest packed files.
 */
function checkEntrypoint(settings, pack) {
    const packed = new Set(pack.entries.map(entry => entry.path));
    const problems = [];
    const references = [
        ['entrypoint', settings.entrypoint, 'entry point'],
        ['import-map', settings.importMap, 'import map'],
        ['lock-file', settings.lockFile, 'lock file']
    ];
    for (const [input, reference, what] of references) {
        if (!reference || isUrl(reference) || packed.has(reference))
            continue;
        problems.push({ input, message: missingMessage(reference, what, settings, pack) });
    }
    if (problems.length > 0)
        throw new InputError(problems);
}
function isUrl(reference) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference);
}
function missingMessage(reference, what, settings, pack) {
    const nearest = nearestPaths(reference, pack);
    const hint = nearest.length > 0 ? ` Nearest packed files: ${nearest.join(', ')}.` : '';
    if (existsUnder(settings.root, reference)) {
        return (`${JSON.stringify(reference)} exists under root but is not packed: the include/exclude ` +
            `globs (or the default exclusion of .git and node_modules) leave it out. Adjust ` +
            `"include"/"exclude" so the ${what} is packed.${hint}`);
    }
    return (`${JSON.stringify(reference)} is not a file under root (${settings.root}). Give the ${what} ` +
        `relative to root, or change "root".${hint}`);
}
function existsUnder(root, reference) {
    try {
        (0,external_node_fs_namespaceObject.lstatSync)(external_node_path_default().join(root, ...reference.split('/')));
        return true;
    }
    catch {
        return false;
    }
}
/** Up to three packed paths closest to `reference`: same file name first, then edit distance. */
function nearestPaths(reference, pack) {
    const name = external_node_path_default().posix.basename(reference).toLowerCase();
    return pack.entries
        .map(entry => {
        const sameName = external_node_path_default().posix.basename(entry.path).toLowerCase() === name ? 0 : 1;
        return { path: entry.path, score: sameName * 1000 + editDistance(reference, entry.path) };
    })
        .filter(candidate => candidate.score < 1000 || candidate.score - 1000 <= reference.length / 2)
        .sort((a, b) => a.score - b.score || (a.path < b.path ? -1 : 1))
        .slice(0, 3)
        .map(candidate => candidate.path);
}

;// CONCATENATED MODULE: ./src/core/pack.ts









// O_NOFOLLOW: a file swapped for a symlink after the directory was listed is never followed.
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NOFOLLOW ?? 0);
/** Hand the event loop back (signals, timers) after this many bytes read. */
const YIELD_EVERY_BYTES = 32 * 1024 * 1024;
/**
 * Packs every file under `root` the globs select, never following a symlink and never reading
 * outside root. Each file is read once into a reused buffer (hash and UTF-8 check from the
 * same bytes), so memory stays flat whatever the tree size.
 *
 * Reads are synchronous on purpose: measured on the 10,000-file bench tree, one sync
 * open/fstat/read/close per file took ~0.2 s where a 32-wide async pipeline over the libuv
 * pool took ~0.5 s (four thread-pool round trips per small file cost more than the I/O). We
 * yield to the event loop between batches so cancellation signals are still handled.
 */
async function pack(options) {
    const root = external_node_path_default().resolve(options.root);
    const filter = createPathFilter(options.include, options.exclude);
    const found = { files: [], symlinks: [], skipped: [] };
    walk(root, '', false, filter, found);
    const realRoot = external_node_fs_namespaceObject.realpathSync.native(root);
    const packedFiles = await hashAll(found.files);
    const packedLinks = found.symlinks.map(link => packSymlink(link, root, realRoot));
    const entries = [...packedFiles, ...packedLinks].sort(byPath);
    const totalBytes = packedFiles.reduce((sum, file) => sum + file.size, 0);
    return {
        root,
        entries,
        fileCount: packedFiles.length,
        symlinkCount: packedLinks.length,
        totalBytes,
        digest: manifestDigest(entries),
        skipped: found.skipped.sort(byPath),
        warnings: danglingLinkWarnings(entries)
    };
}
function walk(absDir, relDir, underIncludedDir, filter, out) {
    let dirents;
    try {
        // Dirent types are lstat-style (d_type, or an lstat when the filesystem gives none).
        dirents = (0,external_node_fs_namespaceObject.readdirSync)(absDir, { withFileTypes: true });
    }
    catch (err) {
        throw unreadable(relDir === '' ? '.' : relDir, err);
    }
    for (const dirent of dirents) {
        const rel = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
        const abs = external_node_path_default().join(absDir, dirent.name);
        if (dirent.isDirectory()) {
            if (filter.prunes(rel))
                continue;
            walk(abs, rel, underIncludedDir || filter.includesDir(rel), filter, out);
        }
        else if (!filter.selects(rel, underIncludedDir)) {
            continue;
        }
        else if (dirent.isFile()) {
            out.files.push({ path: rel, absPath: abs });
        }
        else if (dirent.isSymbolicLink()) {
            out.symlinks.push({ path: rel, absPath: abs });
        }
        else {
            out.skipped.push({ path: rel, reason: `${specialKind(dirent)} (not a regular file)` });
        }
    }
}
function unreadable(relPath, err) {
    const { code, message } = err;
    const fix = code === 'EACCES' || code === 'EPERM'
        ? 'Make it readable to the runner, or leave it out with the "exclude" input.'
        : 'Check that nothing modifies the checkout while it is packed.';
    return new PackError(`Cannot read ${relPath} under root: ${code ?? message}. ${fix}`);
}
function specialKind(dirent) {
    if (dirent.isFIFO())
        return 'named pipe';
    if (dirent.isSocket())
        return 'socket';
    if (dirent.isCharacterDevice())
        return 'character device';
    if (dirent.isBlockDevice())
        return 'block device';
    return 'unknown file type';
}
/** Hashes every file, checking the size limit from fstat before reading a byte past it. */
async function hashAll(files) {
    const packed = [];
    const buffer = { bytes: Buffer.allocUnsafe(64 * 1024) };
    let totalBytes = 0;
    let sinceYield = 0;
    for (const candidate of files) {
        let fd;
        try {
            fd = (0,external_node_fs_namespaceObject.openSync)(candidate.absPath, OPEN_FLAGS);
        }
        catch (err) {
            throw unreadable(candidate.path, err);
        }
        try {
            const stats = (0,external_node_fs_namespaceObject.fstatSync)(fd);
            if (!stats.isFile()) {
                throw new PackError(`${candidate.path} changed into a non-regular file while packing`);
            }
            totalBytes += stats.size;
            if (totalBytes > MAX_DEPLOYMENT_BYTES) {
                throw sizeLimitError(packed, candidate, stats.size, totalBytes);
            }
            packed.push(hashOpenFile(fd, stats.size, candidate, buffer));
            sinceYield += stats.size;
        }
        finally {
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
        if (sinceYield >= YIELD_EVERY_BYTES) {
            sinceYield = 0;
            await new Promise(resolve => setImmediate(resolve));
        }
    }
    return packed;
}
function hashOpenFile(fd, size, candidate, buffer) {
    const { gitSha1, utf8 } = size <= WHOLE_READ_MAX_BYTES
        ? hashWhole(fd, size, candidate.path, buffer)
        : hashChunked(fd, size, candidate.path, buffer);
    return {
        kind: 'file',
        path: candidate.path,
        absPath: candidate.absPath,
        size,
        gitSha1,
        encoding: utf8 ? 'utf-8' : 'base64'
    };
}
/** Reads the file right after its git header in one buffer, so one hash call covers both. */
function hashWhole(fd, size, relPath, buffer) {
    const header = gitBlobHeader(size);
    const headerLength = header.length; // ASCII only
    if (buffer.bytes.length < headerLength + size) {
        buffer.bytes = Buffer.allocUnsafe(Math.max(headerLength + size, buffer.bytes.length * 2));
    }
    buffer.bytes.write(header, 0, 'latin1');
    const content = buffer.bytes.subarray(headerLength, headerLength + size);
    readFully(fd, content, 0, relPath);
    return {
        gitSha1: sha1Hex(buffer.bytes.subarray(0, headerLength + size)),
        utf8: (0,external_node_buffer_namespaceObject.isUtf8)(content)
    };
}
/** Large files go through in chunks; the UTF-8 check streams across chunk boundaries. */
function hashChunked(fd, size, relPath, buffer) {
    if (buffer.bytes.length < WHOLE_READ_MAX_BYTES)
        buffer.bytes = Buffer.allocUnsafe(WHOLE_READ_MAX_BYTES);
    const hasher = gitBlobHasher(size);
    const decoder = new external_node_util_namespaceObject.TextDecoder('utf-8', { fatal: true });
    let utf8 = true;
    for (let position = 0; position < size; position += WHOLE_READ_MAX_BYTES) {
        const chunk = buffer.bytes.subarray(0, Math.min(WHOLE_READ_MAX_BYTES, size - position));
        readFully(fd, chunk, position, relPath);
        hasher.update(chunk);
        if (utf8)
            utf8 = decodes(decoder, chunk, position + chunk.length < size);
    }
    return { gitSha1: hasher.digest('hex'), utf8 };
}
function decodes(decoder, bytes, more) {
    try {
        decoder.decode(bytes, { stream: more });
        return true;
    }
    catch {
        return false;
    }
}
function readFully(fd, target, position, relPath) {
    let done = 0;
    while (done < target.length) {
        const n = (0,external_node_fs_namespaceObject.readSync)(fd, target, done, target.length - done, position + done);
        if (n === 0)
            throw new PackError(`${relPath} shrank while packing; pack again`);
        done += n;
    }
}
function sizeLimitError(packed, last, lastSize, totalBytes) {
    const largest = [...packed.filter(Boolean), { path: last.path, size: lastSize }]
        .sort((a, b) => b.size - a.size)
        .slice(0, 5)
        .map(file => `${file.path} (${formatBytes(file.size)})`);
    return new PackError(`The files selected under root pass the platform's ${formatBytes(MAX_DEPLOYMENT_BYTES)} ` +
        `deployment limit (${formatBytes(totalBytes)} so far, nothing was uploaded). ` +
        `Largest files: ${largest.join(', ')}. Leave files out with the "exclude" input, narrow ` +
        `"include", or point "root" at the app's directory.`);
}
function formatBytes(bytes) {
    if (bytes < 1000)
        return `${bytes} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = -1;
    do {
        value /= 1000;
        unit++;
    } while (value >= 1000 && unit < units.length - 1);
    return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
/**
 * Symlinks are sent as symlinks (the platform materialises them), with a target relative to
 * the link's directory. Absolute targets inside root are rewritten; anything resolving outside
 * root is refused, because the deployed app could not see it and following it would read
 * outside root.
 */
function packSymlink(link, root, realRoot) {
    const raw = (0,external_node_fs_namespaceObject.readlinkSync)(link.absPath);
    const linkDir = external_node_path_default().dirname(link.absPath);
    const resolved = external_node_path_default().resolve(linkDir, raw);
    const inside = [root, realRoot].find(base => isInside(base, resolved));
    if (inside === undefined)
        throw escapingLink(link, raw, root, '');
    // Lexically inside, but through another symlink it may still land outside (`dir/../x`
    // where dir links elsewhere). realpath only reads link metadata, never file contents; the
    // native one resolves `..` physically, as the OS will, where Node's JS one works lexically.
    const real = realpathOrNull(link.absPath);
    if (real !== null && !isInside(realRoot, real))
        throw escapingLink(link, raw, root, real);
    const base = inside === root ? linkDir : external_node_path_default().join(realRoot, external_node_path_default().relative(root, linkDir));
    const relative = external_node_path_default().relative(base, resolved).split((external_node_path_default()).sep).join('/');
    return { kind: 'symlink', path: link.path, target: relative === '' ? '.' : relative };
}
function realpathOrNull(absPath) {
    try {
        return external_node_fs_namespaceObject.realpathSync.native(absPath);
    }
    catch {
        return null; // dangling or looping: the lexical check above is all there is to check
    }
}
function escapingLink(link, raw, root, via) {
    const where = via === '' ? '' : ` (through other symlinks it resolves to ${via})`;
    return new PackError(`Symlink ${link.path} points to ${raw}, which is outside root (${root})${where}; the ` +
        `deployment could not resolve it. Replace the symlink with the file itself, move root ` +
        `up to include its target, or exclude the symlink with the "exclude" input.`);
}
function isInside(base, target) {
    const rel = external_node_path_default().relative(base, target);
    return rel === '' || (!rel.startsWith(`..${(external_node_path_default()).sep}`) && rel !== '..' && !external_node_path_default().isAbsolute(rel));
}
function danglingLinkWarnings(entries) {
    if (!entries.some(entry => entry.kind === 'symlink'))
        return [];
    const paths = new Set(entries.map(entry => entry.path));
    const warnings = [];
    for (const entry of entries) {
        if (entry.kind !== 'symlink')
            continue;
        const target = external_node_path_default().posix.normalize(external_node_path_default().posix.join(external_node_path_default().posix.dirname(entry.path), entry.target));
        const prefix = target === '.' ? '' : `${target}/`;
        const found = paths.has(target) || entries.some(other => other.path.startsWith(prefix));
        if (!found) {
            warnings.push(`Symlink ${entry.path} → ${entry.target}: the target is not among the packed files, so ` +
                `it will dangle in the deployment. Include the target or exclude the symlink.`);
        }
    }
    return warnings;
}
function byPath(a, b) {
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
function manifestDigest(entries) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha1');
    for (const entry of entries) {
        const id = entry.kind === 'file' ? entry.gitSha1 : entry.target;
        hash.update(`${JSON.stringify([entry.path, entry.kind, id])}\n`);
    }
    return hash.digest('hex');
}


;// CONCATENATED MODULE: ./src/core/manifest.ts

/**
 * Settings → request fields. Unset options are omitted rather than sent as null so the
 * platform applies its own defaults; importMapUrl/lockFileUrl keep null = auto-discover.
 */
function deploymentOptions(settings) {
    const options = {
        entryPointUrl: settings.entrypoint,
        importMapUrl: settings.importMap,
        lockFileUrl: settings.lockFile,
        description: settings.description
    };
    if (settings.compilerOptions !== null)
        options.compilerOptions = settings.compilerOptions;
    if (settings.databaseId !== null)
        options.databases = { default: settings.databaseId };
    if (settings.requestTimeoutMs !== null)
        options.requestTimeout = settings.requestTimeoutMs;
    if (settings.allowNet !== null)
        options.permissions = { net: settings.allowNet };
    return options;
}
/**
 * The body a deploy would POST, safe to print: file contents become `<N bytes encoding>`,
 * env var values `***`; the token is a header and never part of it.
 */
function requestPreview(pack, settings) {
    const assets = {};
    for (const entry of pack.entries) {
        assets[entry.path] =
            entry.kind === 'file'
                ? {
                    kind: 'file',
                    content: `<${entry.size} bytes ${entry.encoding}>`,
                    encoding: entry.encoding
                }
                : { kind: 'symlink', target: entry.target };
    }
    const envVars = Object.fromEntries(Object.keys(settings.envVars).map(name => [name, '***']));
    return { ...deploymentOptions(settings), assets, envVars };
}
/** A plain-text table of what would be deployed, then totals, skipped entries and warnings. */
function renderManifest(pack, settings) {
    const sizes = pack.entries.map(entry => (entry.kind === 'file' ? String(entry.size) : '-'));
    const sizeWidth = Math.max(4, ...sizes.map(size => size.length));
    const lines = [
        `Project ${settings.projectId}, entry point ${settings.entrypoint}, root ${pack.root}`,
        '',
        `${'SIZE'.padStart(sizeWidth)}  ENCODING  PATH`
    ];
    pack.entries.forEach((entry, index) => {
        const kind = entry.kind === 'file' ? entry.encoding : 'symlink';
        const target = entry.kind === 'symlink' ? ` -> ${entry.target}` : '';
        lines.push(`${sizes[index].padStart(sizeWidth)}  ${kind.padEnd(8)}  ${entry.path}${target}`);
    });
    lines.push('', `${plural(pack.fileCount, 'file')}, ${plural(pack.symlinkCount, 'symlink')}, ` +
        `${plural(pack.totalBytes, 'byte')} ` +
        `(${formatBytes(pack.totalBytes)})`, `digest ${pack.digest}`);
    for (const skipped of pack.skipped)
        lines.push(`skipped ${skipped.path}: ${skipped.reason}`);
    for (const warning of pack.warnings)
        lines.push(`warning: ${warning}`);
    return lines.join('\n');
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./src/core/deploy.ts
/**
 * One deploy, start to finish: pack → check the entry point → (dry run: print and stop) →
 * check project and token → create → wait until live → result. No @actions/* here; the action
 * and the command line both call `deploy` with their own Reporter.
 */





async function deploy(settings, reporter, options = {}) {
    const started = Date.now();
    reporter.mask(settings.token);
    const packed = await pack({
        root: settings.root,
        include: settings.include,
        exclude: settings.exclude
    });
    checkEntrypoint(settings, packed);
    const base = {
        projectId: settings.projectId,
        commit: options.commit ?? null,
        digest: packed.digest,
        fileCount: packed.fileCount,
        totalBytes: packed.totalBytes
    };
    if (settings.dryRun) {
        reporter.info(renderManifest(packed, settings));
        reporter.info(`Request it would send (POST ${settings.apiUrl}/projects/${settings.projectId}/deployments):\n` +
            JSON.stringify(requestPreview(packed, settings), null, 2));
        return {
            ...base,
            deploymentId: null,
            status: 'dry-run',
            url: null,
            domains: [],
            description: settings.description,
            filesUploaded: 0,
            bytesUploaded: 0,
            buildMs: null,
            totalMs: Date.now() - started,
            dryRun: true
        };
    }
    const deadline = Date.now() + settings.timeoutMs;
    const client = new SubhostingClient({
        apiUrl: settings.apiUrl,
        token: settings.token,
        deadline,
        signal: options.signal,
        log: message => reporter.info(message)
    });
    const ctx = {
        client,
        reporter,
        apiUrl: settings.apiUrl,
        deadline,
        timeoutMs: settings.timeoutMs,
        signal: options.signal,
        rootInRepo: rootInRepository(settings.root, options.workspace ?? process.cwd()),
        assetPaths: new Set(packed.entries.map(entry => entry.path))
    };
    // Fails fast on a bad token or project before anything is uploaded.
    const project = await guard(ctx, null, 'checking the project', () => client.getProject(settings.projectId));
    reporter.info(`Deploying ${packed.fileCount} file(s) (${packed.totalBytes} bytes) to project ` +
        `${project.name} (${project.id}).`);
    const fields = { ...requestFields(settings), description: withRunMarker(settings.description) };
    const created = await createDeployment(ctx, settings.projectId, fields, packed.entries);
    const id = created.deployment.id;
    reporter.info(`Created deployment ${id}.`);
    await notifyCreated(options.onCreated, { id, projectId: settings.projectId }, reporter);
    const uploaded = {
        description: fields.description,
        filesUploaded: created.filesUploaded,
        bytesUploaded: created.bytesUploaded
    };
    if (!settings.wait) {
        return {
            ...base,
            ...uploaded,
            deploymentId: id,
            status: created.deployment.status,
            url: null,
            domains: created.deployment.domains ?? [],
            buildMs: null,
            totalMs: Date.now() - started,
            dryRun: false
        };
    }
    const live = await waitUntilLive(ctx, created.deployment);
    reporter.info(live.url ? `Deployment ${id} is live at ${live.url}` : `Deployment ${id} is live.`);
    return {
        ...base,
        ...uploaded,
        deploymentId: id,
        status: live.deployment.status,
        url: live.url,
        domains: live.deployment.domains ?? [],
        buildMs: live.buildMs,
        totalMs: Date.now() - started,
        dryRun: false
    };
}
/** The create request's fields but the assets: the same as the dry run's preview shows. */
function requestFields(settings) {
    const { compilerOptions, ...options } = deploymentOptions(settings);
    const fields = { ...options, envVars: settings.envVars };
    // Key names were checked against the API's by parseSettings.
    if (compilerOptions)
        fields.compilerOptions = compilerOptions;
    return fields;
}
async function notifyCreated(onCreated, deployment, reporter) {
    if (!onCreated)
        return;
    try {
        await onCreated(deployment);
    }
    catch (error) {
        reporter.warning(`Recording deployment ${deployment.id} failed (the deploy goes on): ${error.message}`);
    }
}
/** Root relative to the repository, POSIX; null when root lies outside it. */
function rootInRepository(root, workspace) {
    const relative = external_node_path_default().relative(external_node_path_default().resolve(workspace), external_node_path_default().resolve(root));
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative))
        return null;
    return relative.split((external_node_path_default()).sep).join('/');
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
// EXTERNAL MODULE: ./node_modules/dotenv/dist/index.cjs
var dist = __nccwpck_require__(230);
var dist_default = /*#__PURE__*/__nccwpck_require__.n(dist);
;// CONCATENATED MODULE: ./src/core/env-vars.ts


const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Deno Deploy reserves the DENO_ prefix except for these runtime settings. */
const RESERVED_PREFIX = 'DENO_';
const ALLOWED_DENO_NAMES = new Set([
    'DENO_AUTH_TOKENS',
    'DENO_COMPAT',
    'DENO_CONDITIONS',
    'DENO_DEPLOY_ENDPOINT',
    'DENO_DEPLOY_TOKEN'
]);
const QUOTES = new Set(['"', "'", '`']);
/**
 * Parses dotenv text (`NAME=value`, `export NAME=value`, comments, quoted and multiline values,
 * `\n` escapes in double quotes). Values come from dotenv's own `parse`; this scanner splits
 * the text into entries first so that lines dotenv would silently drop (no `=`, bad names,
 * unclosed quotes) are reported with their line number.
 */
function parseEnvVars(text) {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    const vars = {};
    const problems = [];
    let index = 0;
    while (index < lines.length) {
        const line = lines[index];
        const lineNo = index + 1;
        index++;
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const head = /^\s*(?:export\s+)?([^=]*?)\s*=/.exec(line);
        if (head === null) {
            problems.push(`line ${lineNo} is not NAME=value (no "=" found); write it as NAME=value`);
            continue;
        }
        const name = head[1];
        const valueText = line.slice(head[0].length).trimStart();
        let entryText = line;
        if (QUOTES.has(valueText[0])) {
            const closing = findClosingQuote(lines, lineNo - 1, line.length - valueText.length);
            if (closing === null) {
                problems.push(`line ${lineNo}: the value of ${describeName(name)} opens with ${valueText[0]} but the ` +
                    `quote is never closed; close it (values may span lines inside quotes)`);
                break;
            }
            if (!/^\s*(#.*)?$/.test(lines[closing.line].slice(closing.column + 1))) {
                problems.push(`line ${closing.line + 1}: unexpected text after the closing quote of ` +
                    `${describeName(name)}; quote the whole value or start the comment with #`);
            }
            entryText = lines.slice(lineNo - 1, closing.line + 1).join('\n');
            index = closing.line + 1;
        }
        const nameProblem = checkName(name);
        if (nameProblem !== null) {
            problems.push(`line ${lineNo}: ${nameProblem}`);
            continue;
        }
        const value = dist_default().parse(entryText)[name];
        if (value === undefined) {
            problems.push(`line ${lineNo}: could not be read as ${name}=value; check its quoting`);
            continue;
        }
        vars[name] = value;
    }
    return { vars, problems };
}
/** Finds the first unescaped closing quote after the opening one at (line, column). */
function findClosingQuote(lines, line, column) {
    const quote = lines[line][column];
    let from = column + 1;
    for (let current = line; current < lines.length; current++, from = 0) {
        const text = lines[current];
        for (let at = text.indexOf(quote, from); at !== -1; at = text.indexOf(quote, at + 1)) {
            if (text[at - 1] !== '\\')
                return { line: current, column: at };
        }
    }
    return null;
}
function checkName(name) {
    if (name === '')
        return 'the name before "=" is empty; write it as NAME=value';
    if (!NAME.test(name)) {
        return (`${describeName(name)} is not a valid variable name; use letters, digits and _ only, ` +
            `not starting with a digit`);
    }
    if (Buffer.byteLength(name) > MAX_ENV_NAME_BYTES) {
        return `${describeName(name)} is longer than ${MAX_ENV_NAME_BYTES} bytes; shorten it`;
    }
    if (name.startsWith(RESERVED_PREFIX) && !ALLOWED_DENO_NAMES.has(name)) {
        return `${name} is reserved: the platform reserves names starting with ${RESERVED_PREFIX}; rename it`;
    }
    return null;
}
/** Names are not secret, but a pasted value might sit left of "=": keep it short. */
function describeName(name) {
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    return JSON.stringify(shown);
}

;// CONCATENATED MODULE: ./src/core/inputs.ts







const INPUT_NAMES = [
    'token',
    'project',
    'entrypoint',
    'root',
    'include',
    'exclude',
    'env-vars',
    'database-id',
    'compiler-options',
    'import-map',
    'lock-file',
    'description',
    'request-timeout',
    'allow-net',
    'api-url',
    'timeout',
    'wait',
    'dry-run'
];
const DEFAULT_API_URL = 'https://api.deno.com/v1';
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** setTimeout cannot wait longer than 2^31-1 ms; a day is far beyond any job limit anyway. */
const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
/** Literal for import-map / lock-file meaning "use none" (v1 `""`); empty means auto-discover. */
const NONE = 'none';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE_UUID = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f';
const ENTRYPOINT_SCHEMES = ['http:', 'https:', 'file:', 'jsr:', 'npm:'];
const CONFIG_FILE_SCHEMES = ['http:', 'https:', 'file:'];
/**
 * Turns raw inputs into validated settings. Every input is checked and every problem collected
 * before throwing one InputError, so a user fixes the workflow in one round trip.
 */
function parseSettings(raw, ctx) {
    const problems = [];
    const token = (raw.token ?? '').trim();
    const report = (input) => (message) => problems.push({ input, message: redact(message, token) });
    const value = (input) => (raw[input] ?? '').trim();
    checkToken(token, report('token'));
    const root = parseRoot(value('root'), ctx.workspace, report('root'));
    const settings = {
        token,
        projectId: parseProject(value('project'), report('project')),
        root,
        entrypoint: parseEntrypoint(value('entrypoint'), root, report('entrypoint')),
        include: parseGlobs(raw.include ?? '', report('include')),
        exclude: parseGlobs(raw.exclude ?? '', report('exclude')),
        envVars: parseEnv(raw['env-vars'] ?? '', report('env-vars')),
        databaseId: parseDatabaseId(value('database-id'), report('database-id')),
        compilerOptions: parseCompilerOptions(value('compiler-options'), report('compiler-options')),
        importMap: parseConfigFile(value('import-map'), root, 'import map', report('import-map')),
        lockFile: parseConfigFile(value('lock-file'), root, 'lock file', report('lock-file')),
        description: parseDescription(value('description'), ctx, report('description')),
        requestTimeoutMs: parseRequestTimeout(value('request-timeout'), report('request-timeout')),
        allowNet: parseAllowNet(raw['allow-net'] ?? '', report('allow-net')),
        apiUrl: parseApiUrl(value('api-url'), report('api-url')),
        timeoutMs: parseTimeout(value('timeout'), report('timeout')),
        wait: parseBoolean(value('wait'), true, report('wait')),
        dryRun: parseBoolean(value('dry-run'), false, report('dry-run'))
    };
    if (problems.length > 0) {
        const order = (problem) => INPUT_NAMES.indexOf(problem.input);
        throw new InputError(problems.sort((a, b) => order(a) - order(b)));
    }
    return settings;
}
/** Quotes a user value for a message, shortened so a pasted secret never shows in full. */
function show(text) {
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
/** A token pasted into the wrong input must not be echoed back. */
function redact(message, token) {
    return token.length >= 4 ? message.split(token).join('***') : message;
}
function checkToken(token, report) {
    if (token === '') {
        report('is empty. Pass a Subhosting access token from a secret, e.g. ' +
            '`token: ${{ secrets.SUBHOSTING_TOKEN }}` (create one in the dashboard under Access Tokens)');
    }
    else if (/\s/.test(token)) {
        report('contains whitespace or a line break inside the value. Copy the token again into the ' +
            'secret, without spaces or extra lines');
    }
}
function parseProject(text, report) {
    if (text === '') {
        report(`is empty. Set it to the project's ID, a UUID like ${EXAMPLE_UUID}`);
    }
    else if (!UUID.test(text)) {
        report(`${show(text)} is not a project ID. Use the project's UUID (like ${EXAMPLE_UUID}), not its ` +
            'name: it is shown in the dashboard and is the "id" field returned by ' +
            'GET /organizations/{organizationId}/projects');
    }
    return text.toLowerCase();
}
function parseRoot(text, workspace, report) {
    const root = external_node_path_default().resolve(workspace, text === '' ? '.' : text);
    let isDirectory;
    try {
        isDirectory = (0,external_node_fs_namespaceObject.statSync)(root).isDirectory();
    }
    catch {
        report(`${show(text)} does not exist (resolved to ${root}). Set root to the app's directory, ` +
            'relative to the workspace, and check that the checkout step ran first');
        return root;
    }
    if (!isDirectory) {
        report(`${show(text)} is a file, not a directory (${root}). Set root to the directory holding ` +
            'the app, and name the file in "entrypoint"');
    }
    return root;
}
function parseEntrypoint(text, root, report) {
    if (text === '') {
        report('is empty. Set it to the entry module, relative to root, e.g. `main.ts`');
        return '';
    }
    return parseModuleRef(text, root, ENTRYPOINT_SCHEMES, 'the entry module', report);
}
/** '' (unset) → null = auto-discover; `none` → '' = none; else a path in root or a URL. */
function parseConfigFile(text, root, what, report) {
    if (text === '')
        return null;
    if (text.toLowerCase() === NONE)
        return '';
    return parseModuleRef(text, root, CONFIG_FILE_SCHEMES, `the ${what}`, report);
}
/** A POSIX path relative to root, or an absolute URL with one of `schemes`. */
function parseModuleRef(text, root, schemes, what, report) {
    const windowsAbsolute = /^[A-Za-z]:[\\/]/.test(text);
    if (!windowsAbsolute && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
        let url = null;
        try {
            url = new URL(text);
        }
        catch {
            // reported below
        }
        if (url === null || !schemes.includes(url.protocol)) {
            report(`${show(text)} is not a usable URL for ${what}; use a path relative to root or a URL ` +
                `starting with ${schemes.join(' ')}`);
        }
        return text;
    }
    const posixPath = text.replace(/\\/g, '/');
    if (windowsAbsolute || posixPath.startsWith('/')) {
        const relative = external_node_path_default().relative(root, external_node_path_default().resolve(text));
        const inside = relative !== '' && !relative.startsWith('..') && !external_node_path_default().isAbsolute(relative);
        report(`${show(text)} is an absolute path; give ${what} relative to root (${root})` +
            (inside ? `, i.e. ${show(relative.split((external_node_path_default()).sep).join('/'))}` : ''));
        return text;
    }
    const normalized = external_node_path_default().posix.normalize(posixPath);
    if (normalized === '..' || normalized.startsWith('../')) {
        report(`${show(text)} leaves root (${root}); only files under root are deployed. Move root up ` +
            `so that it contains ${what}, and give the path relative to it`);
    }
    else if (normalized === '.' || posixPath.endsWith('/')) {
        report(`${show(text)} names a directory; name ${what} file itself, e.g. \`main.ts\``);
    }
    return normalized.replace(/^\.\//, '');
}
/** Splits on newlines and on commas outside `{}`/`[]`, so `*.{ts,tsx}` stays one glob. */
function splitList(text) {
    const items = [];
    let depth = 0;
    let current = '';
    for (const char of text) {
        if (char === '{' || char === '[')
            depth++;
        if ((char === '}' || char === ']') && depth > 0)
            depth--;
        if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
            items.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    items.push(current);
    return items.map(item => item.trim()).filter(item => item !== '');
}
function parseGlobs(text, report) {
    const globs = splitList(text).map(normalizeGlob);
    for (const glob of globs) {
        const problem = globProblem(glob);
        if (problem !== null)
            report(`glob ${show(glob)} ${problem}`);
    }
    return globs;
}
function parseEnv(text, report) {
    const { vars, problems } = parseEnvVars(text);
    for (const problem of problems)
        report(problem);
    return vars;
}
function parseDatabaseId(text, report) {
    if (text === '')
        return null;
    if (!UUID.test(text)) {
        report(`${show(text)} is not a KV database ID. Use the database's UUID (like ${EXAMPLE_UUID}), ` +
            'the "id" returned by POST /organizations/{organizationId}/databases, or leave it empty');
    }
    return text.toLowerCase();
}
const COMPILER_OPTIONS = {
    jsx: 'string',
    jsxFactory: 'string',
    jsxFragmentFactory: 'string',
    jsxImportSource: 'string',
    jsxPrecompileSkipElements: 'string[]',
    experimentalDecorators: 'boolean',
    emitDecoratorMetadata: 'boolean'
};
function parseCompilerOptions(text, report) {
    if (text === '')
        return null;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        report(`is not valid JSON (${err.message}). Give a JSON object, e.g. ` +
            '`{"jsx": "react-jsx", "jsxImportSource": "preact"}`');
        return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        report('must be a JSON object, e.g. `{"jsx": "react-jsx"}`; leave it empty to use deno.json');
        return null;
    }
    const options = parsed;
    for (const [key, option] of Object.entries(options)) {
        const type = COMPILER_OPTIONS[key];
        if (type === undefined) {
            report(`has an unknown key ${show(key)}; the API accepts only ` +
                `${Object.keys(COMPILER_OPTIONS).join(', ')}`);
        }
        else if (option !== null && !hasType(option, type)) {
            report(`key ${show(key)} must be a ${type} or null, not ${JSON.stringify(option)}`);
        }
    }
    return options;
}
function hasType(option, type) {
    if (type === 'string[]')
        return Array.isArray(option) && option.every(o => typeof o === 'string');
    return typeof option === type;
}
function parseDescription(text, ctx, report) {
    const description = text === '' ? defaultDescription(ctx) : text;
    if (description.length > MAX_DESCRIPTION_LENGTH) {
        report(`is ${description.length} characters long; the API accepts at most ` +
            `${MAX_DESCRIPTION_LENGTH}. Shorten it`);
    }
    return description;
}
/**
 * `PR #12 · 1a2b3c4` when the run is about a pull request (pull_request events, workflow_run of
 * one), otherwise `<branch or tag> · 1a2b3c4`.
 */
function defaultDescription(ctx) {
    const shortSha = ctx.sha ? ctx.sha.slice(0, 7) : '';
    const origin = ctx.prNumber !== undefined
        ? `PR #${ctx.prNumber}`
        : (ctx.ref ?? '').replace(/^refs\/(heads|tags)\//, '');
    return [origin, shortSha].filter(part => part !== '').join(' · ');
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** `90s`, `2m`, `1h`, `500ms`; a bare number is in `bareUnit`. null when malformed. */
function parseDuration(text, bareUnit) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text);
    if (match === null)
        return null;
    const ms = Number(match[1]) * UNIT_MS[(match[2] ?? bareUnit).toLowerCase()];
    return Number.isInteger(ms) ? ms : null;
}
function parseRequestTimeout(text, report) {
    if (text === '')
        return null;
    const ms = parseDuration(text, 'ms');
    if (ms === null || ms < 1 || ms > MAX_REQUEST_TIMEOUT_MS) {
        report(`${show(text)} is not a per-request timeout. Give whole milliseconds (\`30000\`) or a ` +
            'duration like `30s` or `2m`, at least 1 ms; leave it empty for the platform default');
        return null;
    }
    return ms;
}
function parseTimeout(text, report) {
    if (text === '')
        return DEFAULT_TIMEOUT_MS;
    const ms = parseDuration(text, 's');
    if (ms === null || ms < 1000 || ms > MAX_TIMEOUT_MS) {
        report(`${show(text)} is not a wait budget. Give seconds (\`600\`) or a duration like \`90s\` ` +
            'or `10m`, between 1 second and 24 hours (default 10m)');
        return DEFAULT_TIMEOUT_MS;
    }
    return ms;
}
function parseAllowNet(text, report) {
    const hosts = splitList(text);
    if (hosts.length === 0)
        return null;
    if (hosts.length === 1 && hosts[0].toLowerCase() === NONE)
        return [];
    for (const host of hosts) {
        const problem = hostProblem(host);
        if (problem !== null)
            report(`${show(host)} ${problem}`);
    }
    return hosts;
}
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
function hostProblem(entry) {
    const fix = 'List hosts like `example.com`, `api.example.com:443`, `10.0.0.1`, `[2001:db8::1]` or ' +
        '`*` for all; write `none` alone to deny all network access';
    if (entry === '*')
        return null;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry))
        return `is a URL, not a host. ${fix}`;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed !== null) {
        if ((0,external_node_net_namespaceObject.isIP)(bracketed[1]) !== 6)
            return `is not a valid IPv6 address. ${fix}`;
        return portProblem(bracketed[2], fix);
    }
    if ((0,external_node_net_namespaceObject.isIP)(entry) === 6)
        return `is an IPv6 address without brackets; write it as [${entry}]`;
    const [host, port, ...extra] = entry.split(':');
    if (extra.length > 0)
        return `is not a host. ${fix}`;
    const portIssue = portProblem(port, fix);
    if (portIssue !== null)
        return portIssue;
    if (/^[\d.]+$/.test(host))
        return (0,external_node_net_namespaceObject.isIP)(host) === 4 ? null : `is not a valid IPv4 address. ${fix}`;
    if (host.length > 253 || !host.split('.').every(label => LABEL.test(label))) {
        return `is not a valid host name. ${fix}`;
    }
    return null;
}
function portProblem(port, fix) {
    if (port === undefined)
        return null;
    const n = Number(port);
    return /^\d{1,5}$/.test(port) && n >= 1 && n <= 65535 ? null : `has an invalid port. ${fix}`;
}
function parseApiUrl(text, report) {
    if (text === '')
        return DEFAULT_API_URL;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        report(`${show(text)} is not a URL. Use the v1 API's base URL, e.g. ${DEFAULT_API_URL}`);
        return text;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        report(`uses ${url.protocol} but must be https: (or http: on loopback), e.g. ${DEFAULT_API_URL}`);
    }
    else if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        report(`${show(url.origin)} uses plain http, which would send the token unencrypted. ` +
            `Use https://${url.host}${url.pathname} (http is accepted only for 127.0.0.1, ::1 and localhost)`);
    }
    if (url.username !== '' || url.password !== '') {
        report('contains credentials (user:password@). Remove them; the token goes in "token"');
    }
    if (url.search !== '' || url.hash !== '') {
        report(`must not carry a query or fragment; use the base URL only, e.g. ${DEFAULT_API_URL}`);
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || ((0,external_node_net_namespaceObject.isIP)(host) === 4 && host.startsWith('127.'));
}
const TRUE_WORDS = ['true', 'yes', '1'];
const FALSE_WORDS = ['false', 'no', '0'];
function parseBoolean(text, fallback, report) {
    if (text === '')
        return fallback;
    const word = text.toLowerCase();
    if (TRUE_WORDS.includes(word))
        return true;
    if (FALSE_WORDS.includes(word))
        return false;
    report(`${show(text)} is not a boolean. Use true or false (yes/no and 1/0 also work)`);
    return fallback;
}

;// CONCATENATED MODULE: ./src/cli/dotenv-line.ts
/** Characters that need no quoting in any dotenv dialect. */
const BARE_VALUE = /^[A-Za-z0-9_\-.:/@+,=%~]*$/;
/**
 * Turns `--env KEY=VALUE` into one dotenv line whose parsed value is exactly VALUE, so the
 * command line and the action share one env-vars parser. Single quotes and backticks keep
 * their content literally (newlines included); a value holding every quote character cannot
 * be written as one dotenv line, and the error says what to use instead.
 */
function dotenvLine(assignment) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
        throw new Error(`--env "${nameOnly(assignment)}": expected KEY=VALUE, e.g. --env PORT=8000.`);
    }
    const key = assignment.slice(0, eq);
    const value = assignment.slice(eq + 1);
    if (BARE_VALUE.test(value))
        return `${key}=${value}`;
    for (const quote of ["'", '`']) {
        if (!value.includes(quote))
            return `${key}=${quote}${value}${quote}`;
    }
    if (!value.includes('"') && !value.includes('\\') && !value.includes('\n')) {
        return `${key}="${value}"`;
    }
    throw new Error(`--env ${key}: the value contains ', \` and " (or a backslash or newline), which one dotenv line cannot hold; put it in a file and pass --env-file.`);
}
/** Never echo a value: it may be a secret. */
function nameOnly(assignment) {
    const eq = assignment.indexOf('=');
    return eq < 0 ? assignment : '<empty name>';
}

;// CONCATENATED MODULE: ./src/cli/flags.ts
const DEPLOY_FLAGS = [
    {
        name: 'project',
        type: 'string',
        value: 'ID',
        input: 'project',
        description: 'Project ID (UUID) to deploy to.'
    },
    {
        name: 'entrypoint',
        type: 'string',
        value: 'PATH|URL',
        input: 'entrypoint',
        description: 'Entry module: a path relative to --root, or a URL.'
    },
    {
        name: 'root',
        type: 'string',
        value: 'DIR',
        input: 'root',
        description: 'Directory to pack and deploy (default: the current directory).'
    },
    {
        name: 'include',
        type: 'string',
        multiple: true,
        value: 'GLOB',
        input: 'include',
        description: 'Only pack files matching these globs (repeatable, or comma-separated).'
    },
    {
        name: 'exclude',
        type: 'string',
        multiple: true,
        value: 'GLOB',
        input: 'exclude',
        description: 'Leave out files matching these globs (repeatable). .git is always left out, node_modules unless included.'
    },
    {
        name: 'env',
        type: 'string',
        multiple: true,
        short: 'e',
        value: 'KEY=VALUE',
        input: 'env-vars',
        description: 'One environment variable for the deployment, value taken literally (repeatable).'
    },
    {
        name: 'env-vars',
        type: 'string',
        multiple: true,
        value: 'DOTENV',
        input: 'env-vars',
        description: 'Environment variables in dotenv syntax, as the action input (repeatable).'
    },
    {
        name: 'env-file',
        type: 'string',
        multiple: true,
        value: 'PATH',
        input: 'env-vars',
        description: 'Read environment variables from a dotenv file (repeatable).'
    },
    {
        name: 'database-id',
        type: 'string',
        value: 'UUID',
        input: 'database-id',
        description: 'KV database ID bound as the default database (Deno.openKv()).'
    },
    {
        name: 'compiler-options',
        type: 'string',
        value: 'JSON',
        input: 'compiler-options',
        description: 'Compiler options as a JSON object (e.g. {"jsx":"react-jsx"}).'
    },
    {
        name: 'import-map',
        type: 'string',
        value: 'PATH|URL',
        input: 'import-map',
        description: 'Import map, relative to --root or a URL (default: from deno.json).'
    },
    {
        name: 'lock-file',
        type: 'string',
        value: 'PATH|URL',
        input: 'lock-file',
        description: 'Lock file, relative to --root or a URL (default: from deno.json).'
    },
    {
        name: 'description',
        type: 'string',
        value: 'TEXT',
        input: 'description',
        description: 'Deployment description (default: branch and short commit SHA).'
    },
    {
        name: 'request-timeout',
        type: 'string',
        value: 'MS',
        input: 'request-timeout',
        description: 'Limit per request the deployment serves: milliseconds or a duration like 30s.'
    },
    {
        name: 'allow-net',
        type: 'string',
        value: 'HOSTS',
        input: 'allow-net',
        description: 'Hosts the deployment may connect to, as the action input (default: all).'
    },
    {
        name: 'api-url',
        type: 'string',
        value: 'URL',
        input: 'api-url',
        description: 'Subhosting v1 API base URL (default: https://api.deno.com/v1).'
    },
    {
        name: 'timeout',
        type: 'string',
        value: 'DURATION',
        input: 'timeout',
        description: 'Budget for the whole deploy: seconds or a duration like 90s (default: 10m).'
    },
    {
        name: 'no-wait',
        type: 'boolean',
        input: 'wait',
        description: 'Return once the deployment is created instead of waiting until it serves.'
    },
    {
        name: 'dry-run',
        type: 'boolean',
        input: 'dry-run',
        description: 'Print the files and the request that would be sent; call no API.'
    },
    {
        name: 'token',
        type: 'string',
        value: 'TOKEN',
        input: 'token',
        description: 'API token. Prefer the SUBHOSTING_TOKEN environment variable: flags end up in shell history.'
    }
];
const OUTPUT_FLAGS = [
    {
        name: 'json',
        type: 'boolean',
        description: 'Print one JSON result object on stdout; progress goes to stderr.'
    },
    { name: 'verbose', type: 'boolean', description: 'Also print debug lines.' },
    { name: 'help', type: 'boolean', short: 'h', description: 'Show this help.' },
    { name: 'version', type: 'boolean', short: 'V', description: 'Print the version.' }
];
const ALL_FLAGS = [...DEPLOY_FLAGS, ...OUTPUT_FLAGS];
/**
 * action.yml's non-empty defaults, applied the way the runner applies them (every other input
 * defaults to ''). The CLI test keeps this equal to action.yml.
 */
const INPUT_DEFAULTS = {
    root: '.',
    'api-url': 'https://api.deno.com/v1',
    timeout: '10m',
    wait: 'true',
    'dry-run': 'false'
};
/** Environment variables read for the token, in order of preference. */
const TOKEN_ENV_VARS = ['SUBHOSTING_TOKEN', 'DEPLOY_ACCESS_TOKEN'];
/** The flag a user should fix for a problem reported against an action input. */
function flagForInput(input) {
    if (input === 'token')
        return `${TOKEN_ENV_VARS[0]} (environment variable)`;
    if (input === 'wait')
        return '--no-wait';
    if (input === 'env-vars')
        return '--env / --env-vars / --env-file';
    return `--${input}`;
}

;// CONCATENATED MODULE: ./src/cli/args.ts





/** A command line that cannot be understood; exit code 2, like any bad input. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
function parseCommandLine(argv, env) {
    const values = readFlags(argv);
    const raw = {};
    for (const flag of DEPLOY_FLAGS)
        if (flag.input)
            raw[flag.input] = INPUT_DEFAULTS[flag.input] ?? '';
    for (const flag of DEPLOY_FLAGS) {
        if (!flag.input || flag.type === 'boolean' || flag.input === 'env-vars')
            continue;
        if (values[flag.name] === undefined)
            continue;
        raw[flag.input] = flagValue(flag.name, values[flag.name]);
    }
    if (values['no-wait'] === true)
        raw.wait = 'false';
    if (values['dry-run'] === true)
        raw['dry-run'] = 'true';
    const envVars = collectEnvVars(values);
    if (envVars !== null)
        raw['env-vars'] = envVars;
    let tokenSource = values.token !== undefined ? 'flag' : null;
    for (const name of TOKEN_ENV_VARS) {
        if (tokenSource !== null)
            break;
        const token = env[name];
        if (token) {
            raw.token = token;
            tokenSource = name;
        }
    }
    return {
        raw,
        json: values.json === true,
        verbose: values.verbose === true,
        help: values.help === true,
        version: values.version === true,
        tokenSource
    };
}
function readFlags(argv) {
    const options = {};
    for (const flag of ALL_FLAGS) {
        options[flag.name] = {
            type: flag.type,
            ...(flag.multiple ? { multiple: true } : {}),
            ...(flag.short ? { short: flag.short } : {})
        };
    }
    try {
        const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
            args: argv,
            options,
            strict: true,
            allowPositionals: true
        });
        if (positionals.length > 0) {
            throw new UsageError(`unexpected argument "${positionals[0]}": every setting is a flag (e.g. --root ${positionals[0]}); see --help.`);
        }
        return values;
    }
    catch (error) {
        if (error instanceof UsageError)
            throw error;
        const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
        if (unknown)
            throw new UsageError(`unknown flag ${unknown}${suggestion(unknown)}; see --help.`);
        throw new UsageError(`${error.message}; see --help.`);
    }
}
/** " (did you mean --project?)" for a near miss such as --projekt. */
function suggestion(option) {
    const name = option.replace(/^-+/, '');
    const close = ALL_FLAGS.find(flag => editDistance(flag.name, name) <= 2);
    return close ? ` (did you mean --${close.name}?)` : '';
}
/** Repeated flags become the multiline form every list input of the action accepts. */
function flagValue(name, value) {
    if (Array.isArray(value))
        return value.map(v => String(v)).join('\n');
    if (typeof value === 'string')
        return value;
    throw new UsageError(`--${name} needs a value.`);
}
/** --env-file contents, --env-vars text and --env pairs, in that order (later wins). */
function collectEnvVars(values) {
    const parts = [];
    for (const path of asList(values['env-file']))
        parts.push(readEnvFile(path));
    parts.push(...asList(values['env-vars']));
    for (const assignment of asList(values.env)) {
        try {
            parts.push(dotenvLine(assignment));
        }
        catch (error) {
            throw new UsageError(error.message);
        }
    }
    return parts.length > 0 ? parts.join('\n') : null;
}
function readEnvFile(path) {
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
        throw new UsageError(`--env-file ${path}: cannot read it (${why}); pass a dotenv file.`);
    }
}
function asList(value) {
    if (value === undefined)
        return [];
    return (Array.isArray(value) ? value : [value]).map(v => String(v));
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/cli/git-context.ts

/**
 * The commit and branch checked out in `dir`, so a deployment made from a laptop gets the same
 * default description as one made by the action. Outside a git checkout (or without git) both
 * are simply unknown.
 */
function readGitHead(dir) {
    return {
        sha: git(dir, ['rev-parse', '--verify', '-q', 'HEAD']),
        ref: git(dir, ['symbolic-ref', '-q', 'HEAD'])
    };
}
function git(dir, args) {
    try {
        const out = (0,external_node_child_process_namespaceObject.execFileSync)('git', args, {
            cwd: dir,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 5000
        }).trim();
        return out || undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cli/help.ts

/** `--help`: every flag with its description, generated from the flag table. */
function helpText() {
    return [
        'subhosting-deploy: deploy a directory to a Subhosting v1 API, wait until it serves, print the URL.',
        'The same deploy as the GitHub Action: every flag mirrors the action input of the same name.',
        '',
        'Usage: subhosting-deploy --project ID --entrypoint main.ts [options]',
        '',
        'Deploy options:',
        ...table(DEPLOY_FLAGS),
        '',
        'Output:',
        ...table(OUTPUT_FLAGS),
        '',
        'Environment:',
        `  ${TOKEN_ENV_VARS[0]}    API token; ${TOKEN_ENV_VARS[1]} is read too.`,
        '  NO_COLOR            Disable colors (they are only used on a terminal anyway).',
        '',
        'Exit codes: 0 deployed, 1 deploy failed, 2 bad input, 130 cancelled.',
        '',
        'Example (local server from `npm run server`):',
        '  SUBHOSTING_TOKEN=... subhosting-deploy --api-url http://127.0.0.1:8420/v1 \\',
        '    --project <uuid> --root examples/hello --entrypoint main.ts'
    ].join('\n');
}
function table(flags) {
    const names = flags.map(flag => {
        const short = flag.short ? `-${flag.short}, ` : '';
        const value = flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : '';
        return `${short}--${flag.name}${value}`;
    });
    const width = Math.max(...names.map(name => name.length)) + 2;
    return flags.map((flag, i) => `  ${names[i].padEnd(width)}${flag.description}`);
}

;// CONCATENATED MODULE: ./src/core/secrets.ts
/**
 * Shorter values are never redacted from text we write ourselves, and shorter lines of a
 * multiline secret are not registered on their own: replacing every `c` of an env var `X=c`, or
 * every `}` of a JSON value, would garble the output and protect nothing.
 */
const MIN_REDACTED_LENGTH = 4;
/** The secrets of one run, and how to keep them out of text that nobody else masks. */
class SecretSet {
    values = new Set();
    /**
     * Registers a secret and, for a multiline value, each of its lines (logs may print it line by
     * line). Returns the values that were new, for callers that also tell a runner about them.
     */
    add(secret) {
        if (secret.trim() === '')
            return [];
        const lines = secret.split(/\r?\n/);
        const fragments = lines.length < 2 ? [] : lines.filter(line => line.trim().length >= MIN_REDACTED_LENGTH);
        const added = [secret, ...fragments].filter(value => !this.values.has(value));
        for (const value of added)
            this.values.add(value);
        return added;
    }
    /** Replaces every registered value in `text` with `***`, longest first. */
    redact(text) {
        const values = [...this.values].filter(value => value.length >= MIN_REDACTED_LENGTH);
        let out = text;
        for (const value of values.sort((a, b) => b.length - a.length))
            out = out.split(value).join('***');
        return out;
    }
}

;// CONCATENATED MODULE: ./src/cli/terminal-reporter.ts

const STYLES = {
    bold: [1, 22],
    dim: [2, 22],
    red: [31, 39],
    green: [32, 39],
    yellow: [33, 39],
    cyan: [36, 39]
};
/** Colors only for a terminal, and never when the user opted out (https://no-color.org). */
function wantsColor(stream, env) {
    return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}
/**
 * The deploy core's progress for a person at a terminal: groups become indented sections with
 * their duration, warnings and errors are labelled (with file:line when known), and every
 * masked secret is replaced by *** before anything is written.
 */
class TerminalReporter {
    options;
    secrets = new SecretSet();
    depth = 0;
    constructor(options) {
        this.options = options;
    }
    info(message) {
        this.print(message);
    }
    debug(message) {
        if (this.options.verbose)
            this.print(this.paint('dim', message));
    }
    warning(message, annotation) {
        this.print(`${this.paint('yellow', 'warning')}${where(annotation)}: ${message}`);
    }
    error(message, annotation) {
        this.print(`${this.paint('red', 'error')}${where(annotation)}: ${message}`, this.options.err);
    }
    mask(secret) {
        this.secrets.add(secret);
    }
    async group(name, fn) {
        this.print(`${this.paint('cyan', '▸')} ${this.paint('bold', name)}`);
        const started = Date.now();
        this.depth++;
        try {
            return await fn();
        }
        finally {
            this.depth--;
            this.print(this.paint('dim', `  done in ${seconds(Date.now() - started)}`));
        }
    }
    paint(style, text) {
        if (!this.options.color)
            return text;
        const [open, close] = STYLES[style];
        return `\u001b[${open}m${text}\u001b[${close}m`;
    }
    /** Writes lines at the current indentation, secrets masked. */
    print(text, out = this.options.out) {
        const indent = '  '.repeat(this.depth);
        const lines = this.redact(text)
            .split('\n')
            .map(line => (line ? indent + line : line));
        out.write(lines.join('\n') + '\n');
    }
    redact(text) {
        return this.secrets.redact(text);
    }
}
function where(annotation) {
    if (!annotation?.file)
        return '';
    const line = annotation.startLine ? `:${annotation.startLine}` : '';
    const column = annotation.startLine && annotation.startColumn ? `:${annotation.startColumn}` : '';
    return ` ${annotation.file}${line}${column}`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/cli/result-text.ts

/** The closing lines a person reads: where it is live, what was sent, how long it took. */
function formatResult(result, style) {
    const files = `${result_text_plural(result.fileCount, 'file')}, ${bytes(result.totalBytes)}`;
    if (result.dryRun) {
        return [
            style.paint('bold', 'Dry run: nothing was sent.'),
            row('files', files),
            row('digest', result.digest)
        ].join('\n');
    }
    const headline = result.status === 'success'
        ? `${style.paint('green', '✔')} Live at ${style.paint('bold', result.url ?? '(no URL)')}`
        : `Deployment ${result.deploymentId} created (status ${result.status}; not waiting)`;
    const lines = [
        headline,
        row('project', result.projectId),
        row('deployment', `${result.deploymentId} (${result.status})`)
    ];
    if (result.domains.length > 0)
        lines.push(row('domains', result.domains.join(', ')));
    if (result.commit)
        lines.push(row('commit', result.commit.slice(0, 7)));
    lines.push(row('files', `${files}; uploaded ${result.filesUploaded} (${bytes(result.bytesUploaded)})`));
    const build = result.buildMs !== null && result.buildMs !== undefined
        ? `build ${seconds(result.buildMs)}, `
        : '';
    lines.push(row('time', `${build}total ${seconds(result.totalMs)}`));
    return lines.join('\n');
}
function row(label, value) {
    return `  ${label.padEnd(12)}${value}`;
}
function result_text_plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function bytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['kB', 'MB', 'GB'];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/cli/wording.ts

const INPUTS = new Set(DEPLOY_FLAGS.flatMap(flag => (flag.input ? [flag.input] : [])));
/**
 * The deploy core words its advice for workflow authors ("check the `project` input"); on the
 * command line the same advice names the flag ("check --project").
 */
function inCliTerms(message) {
    return message
        .replace(/the `([a-z-]+)` and `([a-z-]+)` inputs/g, (phrase, a, b) => INPUTS.has(a) && INPUTS.has(b) ? `${flagForInput(a)} and ${flagForInput(b)}` : phrase)
        .replace(/(?:the )?`([a-z-]+)` input/g, (phrase, name) => INPUTS.has(name) ? flagForInput(name) : phrase);
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/cli/version.ts



const PACKAGE_NAME = 'subhosting-deploy';
/**
 * The version in our package.json, found by walking up from this file: the same code runs from
 * src/cli/ (tsx) and from the bundle in dist/cli/ (whose own package.json only sets the type).
 */
function packageVersion(from = (0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)) {
    let dir = (0,external_node_path_namespaceObject.dirname)(from);
    for (;;) {
        try {
            const pkg = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir, 'package.json'), 'utf8'));
            if (pkg.name === PACKAGE_NAME && pkg.version)
                return pkg.version;
        }
        catch {
            // no (readable) package.json here: keep walking up
        }
        const parent = (0,external_node_path_namespaceObject.dirname)(dir);
        if (parent === dir)
            return 'unknown';
        dir = parent;
    }
}

;// CONCATENATED MODULE: ./src/cli/run.ts











const EXIT = { ok: 0, failed: 1, badInput: 2, cancelled: 130 };
/** The whole command: parse, validate, deploy, report. Returns the process exit code. */
async function runCli(io) {
    let json = false;
    let reporter = new TerminalReporter({
        out: io.stderr,
        color: wantsColor(io.stderr, io.env),
        verbose: false
    });
    try {
        const cli = parseCommandLine(io.argv, io.env);
        if (cli.help) {
            io.stdout.write(helpText() + '\n');
            return EXIT.ok;
        }
        if (cli.version) {
            io.stdout.write(packageVersion() + '\n');
            return EXIT.ok;
        }
        json = cli.json;
        // Progress is for people; with --json stdout carries only the result object.
        const progress = json ? io.stderr : io.stdout;
        reporter = new TerminalReporter({
            out: progress,
            err: io.stderr,
            color: wantsColor(progress, io.env),
            verbose: cli.verbose
        });
        if (cli.raw.token)
            reporter.mask(cli.raw.token);
        if (cli.tokenSource === 'flag') {
            reporter.warning('--token puts the token in your shell history and process list; set SUBHOSTING_TOKEN instead.');
        }
        const head = readGitHead(io.cwd);
        const settings = parseSettings(cli.raw, { workspace: io.cwd, sha: head.sha, ref: head.ref });
        for (const value of Object.values(settings.envVars))
            reporter.mask(value);
        const result = await deploy(settings, reporter, {
            signal: io.signal,
            commit: head.sha,
            workspace: io.cwd
        });
        if (json)
            io.stdout.write(reporter.redact(JSON.stringify(result, null, 2)) + '\n');
        else
            reporter.print(formatResult(result, reporter));
        return EXIT.ok;
    }
    catch (error) {
        const failure = classify(error, io.signal);
        if (json) {
            const body = { error: { kind: failure.kind, message: failure.message, ...problems(error) } };
            io.stdout.write(reporter.redact(JSON.stringify(body, null, 2)) + '\n');
        }
        reporter.error(failure.message);
        return failure.exitCode;
    }
}
function classify(error, signal) {
    if (signal.aborted) {
        return { kind: 'cancelled', message: messageOf(error), exitCode: EXIT.cancelled };
    }
    if (error instanceof InputError) {
        const lines = error.problems.map(p => `${flagForInput(p.input)}: ${cliProblem(p)}`);
        const message = lines.length === 1
            ? lines[0]
            : `${lines.length} problems:\n${lines.map(l => `  - ${l}`).join('\n')}`;
        return {
            kind: 'input',
            message: `${message}\n(see --help for every flag)`,
            exitCode: EXIT.badInput
        };
    }
    if (error instanceof UsageError || error instanceof PackError) {
        return { kind: 'input', message: error.message, exitCode: EXIT.badInput };
    }
    return { kind: 'deploy', message: inCliTerms(messageOf(error)), exitCode: EXIT.failed };
}
/** The action's advice for a missing token is about workflow secrets; here it is the shell. */
function cliProblem(problem) {
    if (problem.input === 'token' && /^is empty/.test(problem.message)) {
        return `is not set. Export an organization access token: ${TOKEN_ENV_VARS[0]}=... subhosting-deploy ...`;
    }
    return inCliTerms(problem.message);
}
function problems(error) {
    return error instanceof InputError ? { problems: error.problems } : {};
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 635:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 230:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var j=(e,n)=>()=>{try{return n||e((n={exports:{}}).exports,n),n.exports}catch(t){throw n=0,t}};var R=j((Z,N)=>{function T(e){return typeof e=="string"?!["false","0","no","off",""].includes(e.toLowerCase()):!!e}function U(e=process.env){let n={};for(let t of["ENCODING","PATH","QUIET","DEBUG","OVERRIDE","FAST"]){let r=e[`DOTENV_${t}`]!=null?e[`DOTENV_${t}`]:e[`DOTENV_CONFIG_${t}`];r!=null&&(n[t.toLowerCase()]=t==="ENCODING"||t==="PATH"?r:T(r))}return n}N.exports={parseBoolean:T,optionsFromEnv:U}});var P=j((ee,b)=>{var F=__nccwpck_require__(896),_=__nccwpck_require__(928),B=__nccwpck_require__(857),{URL:L,fileURLToPath:Q}=__nccwpck_require__(635),{parseBoolean:$,optionsFromEnv:I}=R(),G=/(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg,y=new Uint8Array(256);for(let e=48;e<=57;e++)y[e]=1;for(let e=65;e<=90;e++)y[e]=1;for(let e=97;e<=122;e++)y[e]=1;y[45]=1;y[46]=1;y[95]=1;function H(e){let n={},t=e.toString();t=t.replace(/\r\n?/mg,`
`);let r;for(;(r=G.exec(t))!=null;){let o=r[1],i=r[2]||"";i=i.trim();let c=i[0];i=i.replace(/^(['"`])([\s\S]*)\1$/mg,"$2"),c==='"'&&(i=i.replace(/\\n/g,`
`),i=i.replace(/\\r/g,"\r")),n[o]=i}return n}function g(e){return e<=32?e===32||e>=9&&e<=13:e>=160&&(e===160||e===5760||e>=8192&&e<=8202||e===8232||e===8233||e===8239||e===8287||e===12288||e===65279)}function O(e){return e===10||e===8232||e===8233}function V(e){let n={},t=typeof e=="string"?e:e.toString();t.indexOf("\r")!==-1&&(t=t.replace(/\r\n?/g,`
`));let r=t.length,o=0;for(;o<r;){let i=t.charCodeAt(o);for(;o<r&&g(i);)o++,i=t.charCodeAt(o);if(o>=r)break;if(i===35){for(;o<r&&!O(t.charCodeAt(o));)o++;continue}let c=-1;if(i===101&&o+6<r&&t.charCodeAt(o+1)===120&&t.charCodeAt(o+2)===112&&t.charCodeAt(o+3)===111&&t.charCodeAt(o+4)===114&&t.charCodeAt(o+5)===116){let u=t.charCodeAt(o+6);if(g(u)){let s=o+7;for(;s<r&&g(t.charCodeAt(s));)s++;y[t.charCodeAt(s)]&&(c=o+6,o=s)}else i=t.charCodeAt(o)}let E=o,p=0;for(;o<r&&(p=t.charCodeAt(o),y[p]);)o++;if(o===E){for(;o<r&&!O(t.charCodeAt(o));)o++;continue}let k=t.slice(E,o),D=o;if(o>=r&&(p=0),g(p))do o++,p=o<r?t.charCodeAt(o):0;while(g(p));if(p===61)o++;else if(p===58&&o===D&&o+1<r&&g(t.charCodeAt(o+1)))o+=2;else{for(o=c===-1?D:c;o<r&&!O(t.charCodeAt(o));)o++;continue}let d=o,l=o;for(;l<r&&g(t.charCodeAt(l));)l++;let C=t.charCodeAt(l),a,q=!1;if(C===39||C===34||C===96){let u=t[l],s=t.indexOf(u,l+1),f=-1,h=-1;for(;s!==-1;){let x=t.charCodeAt(s-1)===92,w=s+1;for(;w<r&&!O(t.charCodeAt(w))&&g(t.charCodeAt(w));)w++;if((w===r||O(t.charCodeAt(w))||t.charCodeAt(w)===35)&&(f=s,h=w),!x)break;s=t.indexOf(u,s+1)}if(f!==-1){if(a=t.slice(l+1,f),o=h,t.charCodeAt(o)===35)for(;o<r&&!O(t.charCodeAt(o));)o++;q=!0}}if(!q){let u=t.indexOf(`
`,d);u===-1&&(u=r);let s;if(r<4096)s=t.indexOf("#",d),(s===-1||s>u)&&(s=u);else for(s=d;s<u&&t.charCodeAt(s)!==35;)s++;let f=d,h=s;for(;f<h&&g(t.charCodeAt(f));)f++;for(;h>f&&g(t.charCodeAt(h-1));)h--;let x=t.charCodeAt(f);if(a=t.slice(f,h),a.includes("\u2028")||a.includes("\u2029")?a=a.replace(/^(['"`])([\s\S]*)\1$/mg,"$2"):h-f>=2&&(x===39||x===34||x===96)&&t.charCodeAt(h-1)===x&&(a=t.slice(f+1,h-1)),o=s,s<u)for(;o<r&&!O(t.charCodeAt(o));)o++}C===34&&(q||l<o)&&a.indexOf("\\")!==-1&&(a=a.replace(/\\n/g,`
`).replace(/\\r/g,"\r")),n[k]=a}return n}function J(e,n){return n&&$(n.fast)?V(e):H(e)}function v(e){console.log(`\u2506 ${e}`)}function W(e){console.error(`\u25C7 ${e}`)}function S(e){return e[0]==="~"?_.join(B.homedir(),e.slice(1)):e}function K(e={}){let n={...e};for(let t of Object.keys(n))n[t]===void 0&&delete n[t];return{...I(),...n}}function M(e){e=K(e);let n=_.resolve(process.cwd(),".env"),t="utf8",r=process.env;e&&e.processEnv!=null&&(r=e.processEnv);let o=$(e&&e.debug);e&&e.encoding?t=e.encoding:o&&v("no encoding is specified (UTF-8 is used by default)");let i=[n];if(e&&e.path)if(!Array.isArray(e.path))i=[S(e.path)];else{i=[];for(let d of e.path)i.push(S(d))}let c,E={},p={fast:e.fast};for(let d of i)try{let l=A.parse(F.readFileSync(d,{encoding:t}),p);A.populate(E,l,e)}catch(l){o&&v(`failed to load ${d} ${l.message}`),c=l}let k=A.populate(r,E,e),D=$(Object.prototype.hasOwnProperty.call(e,"quiet")?e.quiet:I(r).quiet);if(o||!D){let d=Object.keys(k).length,l=[];for(let C of i)try{let a=_.relative(process.cwd(),C instanceof L?Q(C):C);l.push(a)}catch(a){o&&v(`failed to load ${C} ${a.message}`),c=a}W(`injected env (${d}) from ${l.join(",")}`)}return c?{parsed:E,error:c}:{parsed:E}}function Y(e){return A.configDotenv(e)}function z(e,n,t={}){let r=$(t&&t.debug),o=$(t&&t.override),i={};if(e===null||typeof e!="object"||n===null||typeof n!="object"){let c=new Error("OBJECT_REQUIRED: Please check the processEnv argument being passed to populate");throw c.code="OBJECT_REQUIRED",c}for(let c of Object.keys(n))Object.prototype.hasOwnProperty.call(e,c)?(o===!0&&(e[c]=n[c],i[c]=n[c]),r&&v(o===!0?`"${c}" is already defined and WAS overwritten`:`"${c}" is already defined and was NOT overwritten`)):(e[c]=n[c],i[c]=n[c]);return i}var A={configDotenv:M,config:Y,parse:J,populate:z};b.exports.configDotenv=A.configDotenv;b.exports.config=A.config;b.exports.parse=A.parse;b.exports.populate=A.populate;b.exports=A});var m=P();module.exports=m;module.exports.config=m.config;module.exports.configDotenv=m.configDotenv;module.exports.parse=m.parse;module.exports.populate=m.populate;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
