// The studio page: talks to the studio's JSON API and shows each turn like the developer
// console's Test tab. Plain ES module, no dependencies, no build step.
import { renderDisplay } from "./display.js";

const $ = (id) => document.getElementById(id);

const page = {
  state: null, // the server's summary (locale, device, attributes, log, voice ...)
  turns: [], // every turn shown, oldest first
  selected: null, // the turn shown in Skill I/O
  timings: [], // milliseconds from sending a line to its answer on screen
  played: null, // the turn whose answer was last played
  soundError: null, // why the browser refused to play, if it did
};
window.studio = page; // for the browser tests and the curious

// -- the API -----------------------------------------------------------------------------
async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `${response.status} ${response.statusText}`);
  return data;
}

function status(text, ok = false) {
  const node = $("status");
  node.textContent = text;
  node.className = ok ? "ok" : "";
}

async function act(work) {
  document.body.dataset.busy = "1";
  try {
    status("");
    return await work();
  } catch (error) {
    status(error.message);
    return null;
  } finally {
    delete document.body.dataset.busy;
  }
}

// -- small tools ------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// Pretty JSON with colours: keys, strings, numbers, booleans/null.
function jsonHtml(value) {
  const text = escapeHtml(JSON.stringify(value, null, 2) ?? "");
  return text.replace(
    /(&quot;(?:[^&\\]|\\.|&(?!quot;))*&quot;)(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (match, str, colon, word, num) => {
      if (str) return colon ? `<span class="k">${str}</span>${colon}` : `<span class="s">${str}</span>`;
      if (word) return `<span class="b">${word}</span>`;
      return `<span class="n">${num}</span>`;
    },
  );
}

function showJson(id, value) {
  const node = $(id);
  node.innerHTML = jsonHtml(value);
  node.dataset.raw = JSON.stringify(value, null, 2);
}

// -- the conversation ----------------------------------------------------------------------
function chatItem(turn) {
  const items = [];
  if (turn.session_new) items.push(el("li", { class: "marker-row" }, el("span", { class: "marker", text: "new session" })));
  if (turn.utterance !== null) {
    items.push(el("li", { class: "you", "data-turn": turn.index },
      el("span", { class: "bubble", text: turn.utterance, onclick: () => select(turn) })));
  } else if (turn.event) {
    items.push(el("li", { class: "you", "data-turn": turn.index },
      el("span", { class: "bubble", text: `(touched: ${turn.event})`, onclick: () => select(turn) })));
  }
  const speech = turn.record.speech;
  const said = speech || `(${turn.record.request_type}: no speech)`;
  items.push(el("li", { class: "alexa", "data-turn": turn.index },
    el("span", { class: speech ? "bubble" : "bubble silent", text: said, onclick: () => select(turn) })));
  if (!turn.session_open) {
    items.push(el("li", { class: "marker-row" }, el("span", { class: "marker ended", text: "session ended" })));
  }
  return items;
}

function addTurns(turns, { speak = true } = {}) {
  const chat = $("chat");
  for (const turn of turns) {
    page.turns.push(turn);
    for (const item of chatItem(turn)) chat.append(item);
  }
  $("chat-hint").hidden = page.turns.length > 0;
  chat.scrollTop = chat.scrollHeight;
  const last = turns.at(-1);
  if (last) {
    select(last);
    const spoken = [...turns].reverse().find((t) => t.record.speech);
    if (speak && spoken) say(spoken);
  }
}

function clearTurns() {
  page.turns = [];
  page.selected = null;
  $("chat").replaceChildren();
  $("chat-hint").hidden = false;
  showJson("json-input", {});
  showJson("json-output", {});
  $("io-turn").textContent = "";
  $("understood").replaceChildren("Nothing yet.");
  $("why").replaceChildren("Nothing yet.");
  $("voice").replaceChildren("Nothing said yet.");
  $("card").replaceChildren("No card.");
  renderDevice(null);
}

function showAttributes(attributes, when) {
  showJson("attributes", attributes);
  $("attributes-when").textContent = when;
}

function applyState(state) {
  page.state = state;
  if (!page.selected) showAttributes(state.attributes ?? {}, "now");
  const log = $("log");
  log.replaceChildren(...state.log.map((entry) => el("li", { class: `log-${entry.kind}` },
    el("span", { class: "time", text: entry.time }),
    el("span", { class: "kind", text: entry.kind }),
    el("span", { class: "name", text: entry.name }),
    entry.detail ? ` ${entry.detail}` : "")));
  log.scrollTop = log.scrollHeight;
  $("locale").value = state.locale;
  if (state.device) $("device").value = state.device;
  document.documentElement.lang = state.locale;
}

// -- one turn in detail --------------------------------------------------------------------
function select(turn) {
  page.selected = turn;
  for (const node of document.querySelectorAll("#chat li.selected")) node.classList.remove("selected");
  for (const node of document.querySelectorAll(`#chat li[data-turn="${turn.index}"]`)) node.classList.add("selected");
  $("io-turn").textContent = `turn ${turn.index} · ${turn.record.request_type} · skill ${turn.skill_ms.toFixed(1)} ms`;
  showJson("json-input", turn.request);
  showJson("json-output", turn.response);
  renderUnderstood(turn);
  renderWhy(turn.why);
  showAttributes(turn.response?.sessionAttributes ?? {}, `after turn ${turn.index}${turn.session_open ? "" : " (the session ended)"}`);
  renderCard(turn.record.card, turn.response?.response?.card);
  renderVoice(turn);
  renderDevice(turn);
}

function erBadge(status) {
  if (!status) return el("span", { class: "er empty", text: "not filled" });
  return el("span", { class: status === "ER_SUCCESS_MATCH" ? "er match" : "er nomatch", text: status });
}

function renderUnderstood(turn) {
  const record = turn.record;
  const rows = [
    ["Request", record.request_type],
    ["Intent", record.intent ?? "—"],
  ];
  const table = el("table", { class: "facts" });
  for (const [name, value] of rows) table.append(el("tr", {}, el("th", { text: name }), el("td", { text: value })));
  const slots = Object.entries(record.slots);
  if (slots.length) {
    table.append(el("tr", {}, el("th", { text: "Slot" }), el("td", { text: "value → resolved id · entity resolution" })));
    for (const [name, slot] of slots) {
      table.append(el("tr", { class: "slot" },
        el("th", { text: name }),
        el("td", {}, `${slot.value ?? "—"}${slot.id ? ` → ${slot.id}` : ""} `, erBadge(slot.status))));
    }
  }
  $("understood").replaceChildren(table);
  $("understood").classList.remove("muted");
}

// A value in a line of text: a mapping as "name=value, ...", a list joined by commas.
function shortText(value) {
  if (Array.isArray(value)) return value.map(shortText).join(", ");
  if (value && typeof value === "object") {
    const pairs = Object.entries(value).map(([k, v]) => `${k}=${v == null ? "—" : shortText(v)}`);
    return pairs.length ? pairs.join(", ") : "—";
  }
  return String(value);
}

function meter(score, threshold) {
  const width = Math.max(2, Math.min(100, score));
  return el("span", { class: score >= threshold ? "bar-meter" : "bar-meter below", style: `width:${width}px` });
}

function renderWhy(why) {
  const node = $("why");
  if (!why) {
    node.replaceChildren("Nothing to resolve: this turn was a touch or the end of a session.");
    node.classList.add("muted");
    return;
  }
  node.classList.remove("muted");
  const parts = [];
  if (why.invoked) parts.push(el("p", { text: why.kind === "launch" ? "Invocation: the skill was opened." : `Invocation removed; heard: “${why.heard}”.` }));
  parts.push(el("p", {},
    el("strong", { text: why.intent ?? "LaunchRequest" }), " ",
    meter(why.score, why.threshold), " ",
    el("span", { class: "score", text: `score ${why.score.toFixed(1)}` }),
    el("span", { class: "muted", text: ` (threshold ${why.threshold})` })));
  parts.push(el("p", {}, el("span", { class: "muted", text: "How: " }), `${why.method}${why.meaning ? ` — ${why.meaning}` : ""}`));
  if (why.reason) parts.push(el("p", { class: why.fallback ? "fallback" : "", text: why.reason }));
  if (why.candidates?.length) {
    const table = el("table", { class: "facts candidates" },
      el("tr", {}, el("th", { text: "#" }), el("th", { text: "intent" }), el("th", { text: "score" }), el("th", { text: "matched" })));
    why.candidates.forEach((c, i) => {
      // Whatever else the resolver tells about a candidate: its sample, method, slot matches ...
      const matched = Object.entries(c)
        .filter(([key, value]) => key !== "intent" && key !== "score" && value != null && value !== "")
        .map(([key, value]) => `${key.replace(/_/g, " ")}: ${shortText(value)}`)
        .join(" · ");
      table.append(el("tr", {},
        el("td", { text: String(i + 1) }), el("td", { text: c.intent }),
        el("td", {}, meter(c.score, why.threshold), ` ${Number(c.score).toFixed(1)}`),
        el("td", { text: matched })));
    });
    parts.push(table);
  }
  node.replaceChildren(...parts);
}

function renderCard(card, raw) {
  const node = $("card");
  if (!card) {
    node.replaceChildren("No card.");
    node.classList.add("muted");
    return;
  }
  node.classList.remove("muted");
  node.replaceChildren(el("div", { class: "card" },
    el("div", { class: "card-head" }, el("span", { class: "dot" }), el("span", { text: `Muscle Twitch Guide · ${raw?.type ?? "Simple"} card` })),
    el("div", { class: "card-title", text: card.title ?? "" }),
    el("div", { class: "card-text", text: card.text ?? "" })));
}

function renderVoice(turn) {
  const node = $("voice");
  const record = turn.record;
  if (!record.speech) {
    node.replaceChildren("No speech in this turn.");
    node.classList.add("muted");
    return;
  }
  node.classList.remove("muted");
  const how = page.state?.voice ? `espeak-ng, ${turn.locale}` : `the browser's voice, ${turn.locale}`;
  node.replaceChildren(
    el("p", { class: "plain", text: record.speech }),
    el("p", {}, el("button", { type: "button", class: "play", text: "▶ Play", onclick: () => say(turn) }),
      el("span", { class: "how muted", text: ` ${how}` })),
    el("h3", { text: "SSML" }),
    el("pre", { class: "json ssml", text: record.ssml ?? "" }),
    ...(record.reprompt ? [el("p", { class: "muted", text: `Reprompt: ${record.reprompt}` })] : []));
}

// -- voice ----------------------------------------------------------------------------------
function say(turn) {
  if (!$("speak").checked || !turn.record.speech) return;
  const player = $("player");
  if (page.state?.voice) {
    player.src = `/api/speech/${turn.index}.wav`;
    player.dataset.turn = String(turn.index);
    page.soundError = null;
    player.play()
      .then(() => { page.played = turn.index; })
      .catch((error) => { // no sound before a click, say; a newer answer cutting in is fine
        if (error.name !== "AbortError") page.soundError = error.message;
      });
    return;
  }
  if ("speechSynthesis" in window) {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(turn.record.speech);
    utterance.lang = turn.locale;
    window.speechSynthesis.speak(utterance);
  }
}

// -- device ---------------------------------------------------------------------------------
function currentDevice() {
  const name = page.state?.device;
  return (page.state?.devices ?? []).find((d) => d.name === name) ?? null;
}

function renderDevice(turn) {
  const device = currentDevice();
  $("device-name").textContent = device ? `· ${device.label ?? device.name}` : "";
  renderDisplay($("display"), { device, turn, onEvent: touch });
}

async function touch(event) {
  await act(async () => {
    const data = await api("/api/event", event);
    addTurns(data.turns);
    applyState(data.state);
  });
}

// -- actions --------------------------------------------------------------------------------
async function send(text) {
  const start = performance.now();
  const data = await act(() => api("/api/say", { utterance: text }));
  if (!data) return;
  addTurns(data.turns);
  applyState(data.state);
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const elapsed = performance.now() - start;
  page.timings.push(elapsed);
  performance.measure("turn", { start, end: start + elapsed });
}

function fillSelect(select, options, value) {
  select.replaceChildren(...options.map(([key, label]) => el("option", { value: key, text: label })));
  if (value != null) select.value = value;
}

async function start() {
  const state = await act(() => api("/api/state"));
  if (!state) return;
  fillSelect($("locale"), state.locales.map((l) => [l, l]), state.locale);
  const devices = state.devices ?? [];
  fillSelect($("device"), devices.map((d) => [d.name, d.label ?? d.name]), state.device);
  $("device").disabled = devices.length === 0;
  applyState(state);
  addTurns(state.turns, { speak: false });
  if (!state.turns.length) renderDevice(null);

  const typed = []; // lines typed in this tab, for Up and Down
  let recall = 0;
  $("say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("say").value.trim();
    if (!text) return;
    $("say").value = "";
    typed.push(text);
    recall = typed.length;
    send(text);
  });
  $("say").addEventListener("keydown", (event) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    recall = Math.max(0, Math.min(typed.length, recall + (event.key === "ArrowUp" ? -1 : 1)));
    $("say").value = typed[recall] ?? "";
  });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => renderDevice(page.selected), 150);
  });
  $("new-session").addEventListener("click", () => act(async () => {
    const data = await api("/api/new-session", {});
    clearTurns();
    applyState(data.state);
    $("say").focus();
  }));
  $("locale").addEventListener("change", (event) => act(async () => {
    const data = await api("/api/settings", { locale: event.target.value });
    clearTurns();
    applyState(data.state);
    status(`Locale ${data.state.locale}: a new conversation`, true);
  }));
  $("device").addEventListener("change", (event) => act(async () => {
    const data = await api("/api/settings", { device: event.target.value });
    applyState(data.state);
    renderDevice(page.selected);
  }));
  $("replay-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    await act(async () => {
      let replay;
      try {
        replay = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON`);
      }
      const data = await api("/api/replay", replay);
      clearTurns();
      applyState(data.state);
      addTurns(data.turns, { speak: false });
      status(`Replayed ${file.name}: ${data.turns.length} turns`, true);
    });
  });
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", async () => {
      const text = $(button.dataset.copy).dataset.raw ?? $(button.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        const area = el("textarea", {});
        area.value = text;
        document.body.append(area);
        area.select();
        document.execCommand("copy");
        area.remove();
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 1200);
    });
  }
  $("say").focus();
  document.body.dataset.ready = "1";
  performance.mark("studio-ready");
}

start();
