// The device display pane: the selected turn's APL document on the chosen device's screen.

function message(container, text) {
  const node = document.createElement("div");
  node.className = "no-screen";
  node.textContent = text;
  container.replaceChildren(node);
}

export function renderDisplay(container, { device, turn }) {
  if (!device) {
    message(container, "No device profile.");
    return;
  }
  if (!device.viewport) {
    message(container, `${device.label ?? device.name} has no screen: it only speaks.`);
    return;
  }
  message(container, turn ? "No APL document in this response." : "Nothing on screen yet.");
}
