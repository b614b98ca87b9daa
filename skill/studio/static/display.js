// The device display pane: the selected turn's APL document on the chosen device's screen.
import { renderDocument } from "./apl.js";

export const RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument";

function message(container, text) {
  const node = document.createElement("div");
  node.className = "no-screen";
  node.textContent = text;
  container.replaceChildren(node);
}

// The RenderDocument directive of a turn's response, if any.
export function documentOf(turn) {
  const directives = turn?.response?.response?.directives ?? [];
  return directives.find((d) => d.type === RENDER_DOCUMENT) ?? null;
}

export function renderDisplay(container, { device, turn, onEvent }) {
  container.dataset.device = device?.name ?? "";
  if (!device) {
    message(container, "No device profile.");
    return null;
  }
  const screen = device.viewport;
  if (!screen) {
    message(container, "This device has no screen: it only speaks.");
    return null;
  }
  const directive = documentOf(turn);
  if (!directive) {
    const sent = turn && turn.device !== device.name ? ` (that turn came from ${turn.device})` : "";
    message(container, turn ? `No APL document in this response${sent}.` : "Nothing on screen yet.");
    return null;
  }
  const viewport = { ...screen, locale: turn.locale };
  // A TV has no touch: its d-pad focuses an item (Tab here) and selects it (Enter).
  const { screen: drawn, warnings } = renderDocument(directive, viewport, { onSendEvent: onEvent });
  // Scale the screen (1 CSS px per dp) into the pane, keeping its shape.
  const room = Math.max(200, container.clientWidth - 44);
  const scale = Math.min(room / screen.width, 420 / screen.height, 1);
  const fit = document.createElement("div");
  fit.className = "device-fit";
  fit.style.width = `${Math.round(screen.width * scale)}px`;
  fit.style.height = `${Math.round(screen.height * scale)}px`;
  if (screen.shape === "round") fit.style.borderRadius = "50%";
  drawn.style.transform = `scale(${scale})`;
  fit.append(drawn);
  const bezel = document.createElement("div");
  bezel.className = `device-bezel ${screen.shape === "round" ? "round" : ""} ${screen.mode === "tv" ? "tv" : ""}`;
  bezel.append(fit);
  const caption = document.createElement("div");
  caption.className = "device-caption";
  caption.textContent = `${device.label} · ${screen.width} × ${screen.height} dp · ${screen.profile}` +
    ` · token ${directive.token ?? "—"}${screen.touch ? "" : " · d-pad: Tab, Enter"}`;
  const frame = document.createElement("div");
  frame.className = "device-frame";
  frame.append(bezel, caption);
  if (warnings.length) {
    const list = document.createElement("ul");
    list.className = "apl-warnings";
    for (const warning of warnings) {
      const item = document.createElement("li");
      item.textContent = warning;
      list.append(item);
    }
    frame.append(list);
  }
  container.replaceChildren(frame);
  container.dataset.scale = String(scale);
  return { warnings, scale };
}
