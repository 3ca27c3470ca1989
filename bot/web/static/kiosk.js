/* The Jobcentre kiosk: touch first, nothing kept. The conversation lives only in
   this page's memory: no cookies, no storage. After a quiet spell it warns
   ("I need more time", WCAG 2.2.1), then clears itself by reloading. */
(function () {
  "use strict";
  var body = document.body;
  var site = body.dataset.site;
  var idleMs = Number(body.dataset.idle) * 1000;
  var warnMs = Number(body.dataset.warning) * 1000;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var statusEl = document.getElementById("status");
  var typing = document.getElementById("typing");
  var dialog = document.getElementById("timeout");
  var countdown = document.getElementById("countdown");
  var ticket = document.getElementById("ticket");
  var busy = false, idleTimer = null, warnTimer = null, tick = null;

  function newSession() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return "kiosk-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var session = newSession();

  function clearScreen() {
    // A reload drops every scrap of this conversation: the page keeps nothing else.
    window.location.replace(window.location.href);
  }

  function addMessage(who, text) {
    var p = document.createElement("p");
    p.className = "kiosk-msg " + who;
    var label = document.createElement("span");
    label.className = "govuk-visually-hidden";
    label.textContent = who === "bot" ? "Signpost said: " : "You said: ";
    p.appendChild(label);
    window.SignpostText.render(p, text);
    log.appendChild(p);
    p.scrollIntoView({ block: "end" });
  }

  function addButtons(buttons) {
    var group = document.createElement("div");
    group.className = "kiosk-choices";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "govuk-button govuk-button--secondary kiosk-choice";
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      group.appendChild(button);
    });
    log.appendChild(group);
    group.scrollIntoView({ block: "end" });
  }

  function showTicket(reference) {
    document.getElementById("ticket-ref").textContent = reference;
    ticket.hidden = false;
    ticket.focus();
  }

  function send(message, shown) {
    if (busy) { return; }
    busy = true; typing.hidden = false; statusEl.textContent = "";
    if (shown !== null) { addMessage("user", shown || message); }
    fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      body: JSON.stringify({ session: session, message: message, site: site })
    }).then(function (r) {
      return r.json().then(function (d) { return { ok: r.ok, data: d }; });
    }).then(function (result) {
      if (!result.ok) {
        statusEl.textContent = (result.data.error && result.data.error.message) || "Sorry, something went wrong.";
        return;
      }
      var reference = null;
      result.data.messages.forEach(function (m) {
        if (m.text) { addMessage("bot", m.text); reference = reference || window.SignpostText.reference(m.text); }
        if (m.buttons && m.buttons.length) { addButtons(m.buttons); }
      });
      if (reference) { showTicket(reference); }
    }).catch(function () {
      statusEl.textContent = "Sorry, I could not reach the assistant. Please try again, or ask at the desk.";
    }).then(function () {
      busy = false; typing.hidden = true;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { statusEl.textContent = "Type a message first, or touch one of the choices."; return; }
    input.value = "";
    send(text, text);
  });

  // An on-screen keyboard, for a kiosk with no physical one.
  var keyboard = document.getElementById("keyboard");
  var toggle = document.getElementById("show-keyboard");
  ["qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"].forEach(function (row) {
    var line = document.createElement("div");
    row.split("").forEach(function (ch) {
      var key = document.createElement("button");
      key.type = "button"; key.className = "kiosk-key"; key.textContent = ch;
      key.addEventListener("click", function () { input.value += ch; });
      line.appendChild(key);
    });
    keyboard.appendChild(line);
  });
  var extra = document.createElement("div");
  [["Space", " "], ["Delete", null]].forEach(function (pair) {
    var key = document.createElement("button");
    key.type = "button"; key.className = "kiosk-key kiosk-key--wide"; key.textContent = pair[0];
    key.addEventListener("click", function () {
      input.value = pair[1] === null ? input.value.slice(0, -1) : input.value + pair[1];
    });
    extra.appendChild(key);
  });
  keyboard.appendChild(extra);
  toggle.addEventListener("click", function () {
    keyboard.hidden = !keyboard.hidden;
    toggle.setAttribute("aria-expanded", String(!keyboard.hidden));
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-size]"), function (b) {
    b.addEventListener("click", function () {
      document.documentElement.dataset.textSize = b.dataset.size;
      Array.prototype.forEach.call(document.querySelectorAll("[data-size]"), function (o) {
        o.setAttribute("aria-pressed", String(o === b));
      });
    });
  });

  // Idle: warn, then clear. Any touch or key starts the wait again.
  function stopTimers() { clearTimeout(idleTimer); clearTimeout(warnTimer); clearInterval(tick); }
  function warn() {
    var left = Math.round(warnMs / 1000);
    countdown.textContent = String(left);
    dialog.hidden = false;
    document.getElementById("more-time").focus();
    tick = setInterval(function () { left -= 1; countdown.textContent = String(Math.max(left, 0)); }, 1000);
    warnTimer = setTimeout(clearScreen, warnMs);
  }
  function active() {
    if (!dialog.hidden) { return; }  // while warning, only the dialog's buttons count
    stopTimers();
    idleTimer = setTimeout(warn, idleMs);
  }
  document.getElementById("more-time").addEventListener("click", function () {
    dialog.hidden = true; stopTimers(); active(); input.focus();
  });
  document.getElementById("clear-now").addEventListener("click", clearScreen);
  document.getElementById("restart").addEventListener("click", clearScreen);
  document.getElementById("ticket-back").addEventListener("click", function () { ticket.hidden = true; input.focus(); });
  document.getElementById("ticket-done").addEventListener("click", clearScreen);
  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, active, { passive: true });
  });

  active();
  send("/greet", null);
})();
