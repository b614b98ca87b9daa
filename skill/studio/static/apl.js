// A small APL renderer: the components and bindings this project's documents use (skill/apl/),
// drawn with HTML and CSS flexbox at a device's viewport size, in dp.
//
// Supported: Container, Frame, Sequence, Text, TouchWrapper; `when`, `bind`, `data` with
// `${data}`, `${index}`, `${ordinal}` (`numbered`), `${length}`; data binding on the main
// template's parameters (`payload`: all datasources); `viewport` and `environment`;
// resources (colors, dimensions, strings, numbers, booleans) chosen by `when`; `@name`
// references in values and expressions; dimensions in dp, px, vw, vh and %; SendEvent on
// press. Anything else is drawn as a visible placeholder and listed in `warnings`.

// -- expressions -------------------------------------------------------------------------------
const PUNCT = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??", "(", ")", "[", "]", ".", ",",
  "?", ":", "!", "<", ">", "+", "-", "*", "/", "%"];

function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) { i += 1; continue; }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i));
      tokens.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\" && j + 1 < source.length) { text += source[j + 1]; j += 2; continue; }
        text += source[j];
        j += 1;
      }
      if (j >= source.length) throw new Error(`unterminated string in ${source}`);
      tokens.push({ t: "str", v: text });
      i = j + 1;
      continue;
    }
    if (c === "@") {
      const m = /^@[A-Za-z_][\w]*/.exec(source.slice(i));
      if (!m) throw new Error(`bad resource name in ${source}`);
      tokens.push({ t: "res", v: m[0].slice(1) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(source.slice(i));
      tokens.push({ t: "id", v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = PUNCT.find((p) => source.startsWith(p, i));
    if (!op) throw new Error(`unexpected '${c}' in ${source}`);
    tokens.push({ t: "op", v: op });
    i += op.length;
  }
  return tokens;
}

const BINARY = {
  "??": 1, "||": 2, "&&": 3, "==": 4, "!=": 4, "===": 4, "!==": 4,
  "<": 5, ">": 5, "<=": 5, ">=": 5, "+": 6, "-": 6, "*": 7, "/": 7, "%": 7,
};

// Pratt parser to a small tree; evaluated against a binding context.
function parse(source) {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (value) => {
    const token = tokens[pos];
    if (!token || (value !== undefined && token.v !== value)) {
      throw new Error(`expected ${value ?? "a value"} in ${source}`);
    }
    pos += 1;
    return token;
  };
  function primary() {
    const token = take();
    if (token.t === "num" || token.t === "str") return { k: "lit", v: token.v };
    if (token.t === "res") return { k: "res", v: token.v };
    if (token.t === "id") {
      if (token.v === "true") return { k: "lit", v: true };
      if (token.v === "false") return { k: "lit", v: false };
      if (token.v === "null") return { k: "lit", v: null };
      return { k: "name", v: token.v };
    }
    if (token.v === "(") { const inner = expression(0); take(")"); return inner; }
    if (token.v === "!" || token.v === "-" || token.v === "+") return { k: "unary", op: token.v, a: postfix(primary()) };
    throw new Error(`unexpected '${token.v}' in ${source}`);
  }
  function postfix(node) {
    for (;;) {
      const token = peek();
      if (token?.v === ".") { take(); node = { k: "get", a: node, b: { k: "lit", v: take().v } }; }
      else if (token?.v === "[") { take(); const key = expression(0); take("]"); node = { k: "get", a: node, b: key }; }
      else if (token?.v === "(") {
        take();
        const args = [];
        while (peek()?.v !== ")") { args.push(expression(0)); if (peek()?.v === ",") take(); }
        take(")");
        node = { k: "call", f: node, args };
      } else return node;
    }
  }
  function expression(minimum) {
    let left = postfix(primary());
    for (;;) {
      const token = peek();
      if (!token) return left;
      if (token.v === "?" && minimum === 0) {
        take();
        const yes = expression(0);
        take(":");
        const no = expression(0);
        left = { k: "cond", c: left, a: yes, b: no };
        continue;
      }
      const power = token.t === "op" ? BINARY[token.v] : undefined;
      if (power === undefined || power < minimum) return left;
      take();
      left = { k: "bin", op: token.v, a: left, b: expression(power + 1) };
    }
  }
  const tree = expression(0);
  if (pos !== tokens.length) throw new Error(`unexpected '${tokens[pos].v}' in ${source}`);
  return tree;
}

const FUNCTIONS = {
  Math: {
    min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil, round: Math.round,
    abs: Math.abs, clamp: (lo, x, hi) => Math.min(Math.max(x, lo), hi),
  },
  String: {
    toUpperCase: (s) => String(s).toUpperCase(), toLowerCase: (s) => String(s).toLowerCase(),
    length: (s) => String(s).length, slice: (s, a, b) => String(s).slice(a, b),
  },
  Array: { length: (a) => (Array.isArray(a) ? a.length : 0) },
};

function evaluate(node, scope) {
  switch (node.k) {
    case "lit": return node.v;
    case "res": return scope.resource(node.v);
    case "name": return scope.lookup(node.v);
    case "get": {
      const base = evaluate(node.a, scope);
      const key = evaluate(node.b, scope);
      if (base == null) return null;
      if (typeof base === "string" && key === "length") return base.length;
      if (Array.isArray(base) && key === "length") return base.length;
      return Object.prototype.hasOwnProperty.call(Object(base), key) ? base[key] : null;
    }
    case "call": {
      const f = evaluate(node.f, scope);
      return typeof f === "function" ? f(...node.args.map((a) => evaluate(a, scope))) : null;
    }
    case "unary": {
      const value = evaluate(node.a, scope);
      if (node.op === "!") return !truthy(value);
      return node.op === "-" ? -Number(value) : Number(value);
    }
    case "cond": return truthy(evaluate(node.c, scope)) ? evaluate(node.a, scope) : evaluate(node.b, scope);
    case "bin": {
      const a = evaluate(node.a, scope);
      if (node.op === "&&") return truthy(a) ? evaluate(node.b, scope) : a;
      if (node.op === "||") return truthy(a) ? a : evaluate(node.b, scope);
      if (node.op === "??") return a ?? evaluate(node.b, scope);
      const b = evaluate(node.b, scope);
      switch (node.op) {
        case "==": case "===": return a === b || (a == null && b == null);
        case "!=": case "!==": return !(a === b || (a == null && b == null));
        case "<": return a < b;
        case ">": return a > b;
        case "<=": return a <= b;
        case ">=": return a >= b;
        case "+": return typeof a === "string" || typeof b === "string" ? `${text(a)}${text(b)}` : Number(a) + Number(b);
        case "-": return Number(a) - Number(b);
        case "*": return Number(a) * Number(b);
        case "/": return Number(a) / Number(b);
        case "%": return Number(a) % Number(b);
        default: return null;
      }
    }
    default: return null;
  }
}

// APL truthiness: false, null, 0, "" and NaN are false.
export function truthy(value) {
  return !(value === false || value === null || value === undefined || value === 0 || value === "" || Number.isNaN(value));
}

function text(value) {
  if (value == null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const parsed = new Map();
function compiled(source) {
  if (!parsed.has(source)) parsed.set(source, parse(source));
  return parsed.get(source);
}

// Find the `${...}` pieces of a string, honouring quotes and nested braces.
function pieces(value) {
  const out = [];
  let i = 0;
  let literal = "";
  while (i < value.length) {
    if (value.startsWith("${", i)) {
      let depth = 1;
      let j = i + 2;
      let quote = null;
      while (j < value.length && depth > 0) {
        const c = value[j];
        if (quote) { if (c === quote) quote = null; }
        else if (c === "'" || c === '"') quote = c;
        else if (c === "{") depth += 1;
        else if (c === "}") depth -= 1;
        j += 1;
      }
      if (literal) out.push(literal);
      literal = "";
      out.push({ expr: value.slice(i + 2, j - 1) });
      i = j;
    } else {
      literal += value[i];
      i += 1;
    }
  }
  if (literal) out.push(literal);
  return out;
}

// Evaluate a value with data binding: strings with `${...}`, "@resource", arrays and objects.
export function bindValue(value, scope, preferred) {
  if (typeof value === "string") {
    if (/^@[A-Za-z_]\w*$/.test(value)) return scope.resource(value.slice(1), preferred);
    if (!value.includes("${")) return value;
    const parts = pieces(value);
    if (parts.length === 1 && typeof parts[0] === "object") return evaluate(compiled(parts[0].expr), scope.withPreferred(preferred));
    return parts.map((p) => (typeof p === "string" ? p : text(evaluate(compiled(p.expr), scope.withPreferred(preferred))))).join("");
  }
  if (Array.isArray(value)) return value.map((v) => bindValue(v, scope, preferred));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindValue(v, scope, preferred)]));
  }
  return value;
}

// -- binding scopes ----------------------------------------------------------------------------
class Scope {
  constructor(values, parent, resources, preferred) {
    this.values = values;
    this.parent = parent;
    this.resources = resources ?? parent?.resources;
    this.preferred = preferred;
  }

  child(values) { return new Scope(values, this, this.resources); }

  withPreferred(preferred) {
    return preferred ? new Scope({}, this, this.resources, preferred) : this;
  }

  lookup(name) {
    for (let scope = this; scope; scope = scope.parent) {
      if (Object.prototype.hasOwnProperty.call(scope.values, name)) return scope.values[name];
    }
    if (name in FUNCTIONS) return FUNCTIONS[name];
    return null;
  }

  resource(name, preferred) {
    return this.resources.get(name, preferred ?? this.preferred);
  }
}

const RESOURCE_KINDS = ["colors", "dimensions", "strings", "numbers", "booleans", "gradients", "easing"];

class Resources {
  constructor(blocks, scope, warn) {
    this.maps = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, {}]));
    this.warn = warn;
    for (const block of blocks ?? []) {
      if (block.when !== undefined && !truthy(bindValue(block.when, scope))) continue;
      for (const kind of RESOURCE_KINDS) Object.assign(this.maps[kind], block[kind] ?? {});
    }
    this.scope = scope;
  }

  get(name, preferred) {
    const order = preferred ? [preferred, ...RESOURCE_KINDS.filter((k) => k !== preferred)]
      : ["dimensions", "numbers", "strings", "colors", "booleans", "gradients", "easing"];
    for (const kind of order) {
      if (Object.prototype.hasOwnProperty.call(this.maps[kind], name)) {
        return bindValue(this.maps[kind][name], this.scope, kind);
      }
    }
    this.warn(`unknown resource @${name}`);
    return null;
  }
}

// -- layout values -----------------------------------------------------------------------------
// A dimension as CSS (the screen is drawn 1 CSS px per dp, then scaled as a whole).
function dimension(value, viewport) {
  if (value == null || value === "auto") return null;
  if (typeof value === "number") return `${value}px`;
  const m = /^\s*(-?[0-9.]+)\s*(dp|px|vw|vh|%)?\s*$/.exec(String(value));
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2]) {
    case "px": return `${n * 160 / viewport.dpi}px`;
    case "vw": return `${n * viewport.width / 100}px`;
    case "vh": return `${n * viewport.height / 100}px`;
    case "%": return `${n}%`;
    default: return `${n}px`;
  }
}

// APL colours: #RGB, #RGBA, #RRGGBB, #RRGGBBAA, names, rgb(a)() - CSS reads all of them.
function color(value) {
  return value == null ? null : String(value);
}

const COLOR_PROPS = new Set(["color", "backgroundColor", "borderColor"]);
const COMMON = new Set(["type", "id", "description", "when", "bind", "data", "item", "items",
  "firstItem", "lastItem", "width", "height", "minWidth", "maxWidth", "minHeight", "maxHeight",
  "paddingLeft", "paddingRight", "paddingTop", "paddingBottom", "padding", "paddingStart", "paddingEnd",
  "position", "top", "left", "right", "bottom", "grow", "shrink", "alignSelf", "spacing", "opacity",
  "display", "numbering", "accessibilityLabel", "inheritParentState", "style", "speech", "entities",
  "role", "checked", "disabled", "onMount", "handleTick", "shadowColor", "shadowRadius"]);
const OWN = {
  Container: new Set(["alignItems", "justifyContent", "direction", "wrap", "numbered"]),
  Sequence: new Set(["scrollDirection", "numbered", "snap"]),
  Frame: new Set(["backgroundColor", "borderRadius", "borderWidth", "borderColor"]),
  Text: new Set(["text", "color", "fontSize", "fontWeight", "fontStyle", "fontFamily", "textAlign",
    "textAlignVertical", "maxLines", "lineHeight", "letterSpacing"]),
  TouchWrapper: new Set(["onPress", "onDown", "onUp"]),
};
const FLEX_ALIGN = { start: "flex-start", end: "flex-end", center: "center", stretch: "stretch", baseline: "baseline" };
const FLEX_JUSTIFY = { start: "flex-start", end: "flex-end", center: "center", spaceBetween: "space-between", spaceAround: "space-around", spaceEvenly: "space-evenly" };
const FONT_WEIGHT = { normal: 400, bold: 700, thin: 100, light: 300, regular: 400, medium: 500, heavy: 800, black: 900 };
const ALLOWED_MARKUP = new Set(["B", "I", "U", "EM", "STRONG", "BR", "SUP", "SUB", "TT", "CODE", "STRIKE", "LI"]);

// APL Text understands a little HTML-like markup; anything else is shown as plain text.
function textNodes(markup) {
  const doc = new DOMParser().parseFromString(`<body>${markup}</body>`, "text/html");
  const copy = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const children = [...node.childNodes].map(copy).filter(Boolean);
    if (!ALLOWED_MARKUP.has(node.tagName)) return children;
    const out = document.createElement(node.tagName === "LI" ? "span" : node.tagName.toLowerCase());
    if (node.tagName === "LI") out.append("• ");
    out.append(...children.flat());
    return out;
  };
  return [...doc.body.childNodes].map(copy).flat().filter(Boolean);
}

// -- the renderer ------------------------------------------------------------------------------
class Renderer {
  constructor({ viewport, token, onSendEvent, theme }) {
    this.viewport = viewport;
    this.token = token;
    this.onSendEvent = onSendEvent;
    this.theme = theme;
    this.warnings = [];
  }

  warn(message) {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  // The children of a multi-child component: `items` (or `item`), repeated over `data`.
  children(spec, scope) {
    const templates = spec.items ?? spec.item;
    const list = templates == null ? [] : Array.isArray(templates) ? templates : [templates];
    const data = spec.data !== undefined ? bindValue(spec.data, scope) : undefined;
    const out = [];
    if (Array.isArray(data)) {
      data.forEach((datum, index) => {
        const child = scope.child({ data: datum, index, length: data.length });
        const chosen = list.find((t) => t.when === undefined || truthy(bindValue(t.when, child)));
        if (chosen) out.push([chosen, child]);
      });
    } else {
      list.forEach((template, index) => {
        const child = scope.child({ index, length: list.length });
        if (template.when === undefined || truthy(bindValue(template.when, child))) out.push([template, child]);
      });
    }
    return out;
  }

  render(spec, scope, parent) {
    if (spec == null || typeof spec !== "object") return null;
    let local = scope;
    for (const binding of spec.bind ?? []) {
      local = local.child({ [binding.name]: bindValue(binding.value, local) });
    }
    if (spec.when !== undefined && !truthy(bindValue(spec.when, local))) return null;
    const type = spec.type;
    const own = OWN[type];
    const node = document.createElement("div");
    node.className = `apl apl-${String(type).toLowerCase()}`;
    if (!own) {
      this.warn(`component ${type} is not supported`);
      node.className = "apl apl-unsupported";
      node.textContent = `[${type}]`;
      return node;
    }
    for (const key of Object.keys(spec)) {
      if (!COMMON.has(key) && !own.has(key)) this.warn(`${type}.${key} is not supported`);
    }
    const get = (key, fallback) => {
      if (spec[key] === undefined) return fallback;
      return bindValue(spec[key], local, COLOR_PROPS.has(key) ? "colors" : key === "text" ? "strings" : "dimensions");
    };
    if (spec.id !== undefined) node.dataset.id = text(bindValue(spec.id, local));
    this.box(node, get, parent);

    if (type === "Text") {
      node.append(...textNodes(text(get("text", ""))));
      const st = node.style;
      st.color = color(get("color", this.theme === "light" ? "#1E2222" : "#FAFAFA"));
      st.fontSize = dimension(get("fontSize", 40), this.viewport) ?? "40px";
      st.fontWeight = String(FONT_WEIGHT[get("fontWeight", "normal")] ?? get("fontWeight", 400));
      st.fontStyle = get("fontStyle", "normal");
      st.lineHeight = String(get("lineHeight", 1.25));
      st.textAlign = { auto: "start", left: "left", right: "right", center: "center" }[get("textAlign", "auto")] ?? "start";
      const spacing = get("letterSpacing");
      if (spacing != null) st.letterSpacing = dimension(spacing, this.viewport);
      const lines = Number(get("maxLines", 0));
      if (lines > 0) {
        node.classList.add("apl-clamp");
        st.webkitLineClamp = String(lines);
      }
      return node;
    }

    const column = type === "Sequence" ? get("scrollDirection", "vertical") !== "horizontal"
      : type !== "Container" || get("direction", "column") === "column";
    node.style.flexDirection = column ? "column" : "row";
    if (type === "Container") {
      node.style.alignItems = FLEX_ALIGN[get("alignItems", "stretch")] ?? "stretch";
      node.style.justifyContent = FLEX_JUSTIFY[get("justifyContent", "start")] ?? "flex-start";
      if (get("wrap", "noWrap") !== "noWrap") node.style.flexWrap = "wrap";
    }
    if (type === "Sequence") {
      node.style.overflow = "hidden";
      node.style[column ? "overflowY" : "overflowX"] = "auto";
    }
    if (type === "Frame") {
      node.style.backgroundColor = color(get("backgroundColor", "transparent"));
      const radius = get("borderRadius");
      if (radius != null) node.style.borderRadius = dimension(radius, this.viewport);
      const width = get("borderWidth");
      if (width != null) {
        node.style.border = `${dimension(width, this.viewport)} solid ${color(get("borderColor", "transparent"))}`;
      }
    }
    if (type === "TouchWrapper") this.touchable(node, spec, local);

    const single = type === "Frame" || type === "TouchWrapper";
    let children;
    if (single) {
      const options = spec.item ?? spec.items;
      const list = options == null ? [] : Array.isArray(options) ? options : [options];
      const chosen = list.find((t) => t.when === undefined || truthy(bindValue(t.when, local)));
      children = chosen ? [[chosen, local]] : [];
    } else {
      children = this.children(spec, local);
    }
    const numbered = !single && get("numbered", false);
    let ordinal = 1;
    let first = true;
    for (const [template, childScope] of children) {
      const scoped = numbered ? childScope.child({ ordinal }) : childScope;
      const child = this.render(template, scoped, { column, first, node });
      if (!child) continue;
      if (numbered && template.numbering !== "skip") ordinal += 1;
      if (numbered && template.numbering === "reset") ordinal = 1;
      node.append(child);
      if (child.style.position !== "absolute") first = false;
    }
    return node;
  }

  box(node, get, parent) {
    const st = node.style;
    const vp = this.viewport;
    const set = (cssName, value) => { const v = dimension(value, vp); if (v != null) st[cssName] = v; };
    set("width", get("width"));
    set("height", get("height"));
    set("minWidth", get("minWidth"));
    set("maxWidth", get("maxWidth"));
    set("minHeight", get("minHeight"));
    set("maxHeight", get("maxHeight"));
    const padding = get("padding");
    if (Array.isArray(padding)) {
      const [l, t, r, b] = padding.length === 4 ? padding : [padding[0], padding[1] ?? padding[0], padding[0], padding[1] ?? padding[0]];
      set("paddingLeft", l); set("paddingTop", t); set("paddingRight", r); set("paddingBottom", b);
    } else if (padding != null) {
      set("padding", padding);
    }
    set("paddingLeft", get("paddingLeft", get("paddingStart")));
    set("paddingRight", get("paddingRight", get("paddingEnd")));
    set("paddingTop", get("paddingTop"));
    set("paddingBottom", get("paddingBottom"));
    if (get("position", "relative") === "absolute") {
      st.position = "absolute";
      for (const side of ["top", "left", "right", "bottom"]) set(side, get(side));
    } else {
      for (const side of ["top", "left", "right", "bottom"]) set(side, get(side));
    }
    st.flexGrow = String(get("grow", 0));
    st.flexShrink = String(get("shrink", 0));
    const alignSelf = get("alignSelf", "auto");
    if (alignSelf !== "auto") st.alignSelf = FLEX_ALIGN[alignSelf] ?? "auto";
    const opacity = get("opacity");
    if (opacity != null) st.opacity = String(opacity);
    const display = get("display", "normal");
    if (display === "none") st.display = "none";
    if (display === "invisible") st.visibility = "hidden";
    const spacing = get("spacing");
    if (spacing != null && parent && !parent.first && st.position !== "absolute") {
      st[parent.column ? "marginTop" : "marginLeft"] = dimension(spacing, vp);
    }
  }

  touchable(node, spec, scope) {
    node.tabIndex = 0;
    node.setAttribute("role", "button");
    const press = () => {
      const commands = spec.onPress == null ? [] : Array.isArray(spec.onPress) ? spec.onPress : [spec.onPress];
      const source = {
        type: "TouchWrapper",
        handler: "Press",
        id: spec.id !== undefined ? text(bindValue(spec.id, scope)) : "",
        value: false,
      };
      const event = scope.child({ event: { source } });
      for (const command of commands) {
        if (command.when !== undefined && !truthy(bindValue(command.when, event))) continue;
        if (command.type === "SendEvent") {
          const args = bindValue(command.arguments ?? [], event);
          this.onSendEvent?.({ arguments: args, source, token: this.token, components: {} });
        } else {
          this.warn(`command ${command.type} is not supported`);
        }
      }
    };
    node.addEventListener("click", press);
    node.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); press(); } });
  }
}

// Render a RenderDocument directive's document on a viewport (width and height in dp, shape
// "round" or "rectangle", mode "hub" or "tv", dpi). Returns the screen element and warnings.
export function renderDocument(directive, viewport, { onSendEvent } = {}) {
  const doc = directive.document ?? {};
  const datasources = directive.datasources ?? {};
  const warnings = [];
  const environment = { aplVersion: doc.version ?? "", language: viewport.locale ?? "en-US", allowOpenURL: false, disallowVideo: false };
  const vp = {
    width: viewport.width, height: viewport.height, pixelWidth: viewport.pixelWidth,
    pixelHeight: viewport.pixelHeight, dpi: viewport.dpi, shape: viewport.shape,
    mode: viewport.mode, theme: doc.theme ?? "dark",
  };
  const renderer = new Renderer({ viewport: vp, token: directive.token, onSendEvent, theme: doc.theme ?? "dark" });
  const root = new Scope({ viewport: vp, environment }, null, null);
  root.resources = new Resources(doc.resources, root, (m) => renderer.warn(m));
  const template = doc.mainTemplate ?? {};
  const params = {};
  const names = template.parameters ?? [];
  for (const param of names) {
    const name = typeof param === "string" ? param : param.name;
    params[name] = name === "payload" && !(name in datasources) ? datasources : datasources[name] ?? null;
  }
  const scope = root.child(params);
  const screen = document.createElement("div");
  screen.className = `apl-screen apl-${vp.shape}`;
  screen.style.width = `${vp.width}px`;
  screen.style.height = `${vp.height}px`;
  screen.style.backgroundColor = doc.background ? String(bindValue(doc.background, scope, "colors")) : (vp.theme === "light" ? "#FFFFFF" : "#000000");
  if (doc.import?.length) renderer.warn(`imports are not loaded offline: ${doc.import.map((i) => i.name).join(", ")}`);
  try {
    const items = template.items ?? template.item;
    const list = items == null ? [] : Array.isArray(items) ? items : [items];
    const chosen = list.find((t) => t.when === undefined || truthy(bindValue(t.when, scope)));
    const top = chosen ? renderer.render(chosen, scope.child({}), null) : null;
    if (top) {
      if (!top.style.width) top.style.width = "100%";
      if (!top.style.height) top.style.height = "100%";
      screen.append(top);
    }
  } catch (error) {
    renderer.warn(`the document could not be rendered: ${error.message}`);
  }
  warnings.push(...renderer.warnings);
  return { screen, warnings };
}

// For tests: evaluate a binding string against values.
export function evaluateBinding(value, values = {}, resources = {}) {
  const root = new Scope(values, null, null);
  root.resources = new Resources([resources], root, () => {});
  return bindValue(value, root);
}
