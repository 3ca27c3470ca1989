/* The Jobcentre kiosk: touch first, nothing kept. The conversation lives only in
   this page's memory: no cookies, no storage. After a quiet spell it warns
   ("I need more time", WCAG 2.2.1), then clears itself by reloading. */
(function () {
  "use strict";
  var body = document.body;
  var site = body.dataset.site;
  // The site's key proves this is the kiosk (the server checked it to show this page).
  var kioskKey = body.dataset.kioskKey;
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
  var core = window.SignpostChat;
  var printer = body.dataset.printer === "yes";
  var services = [], reference = null;  // for printing; this page's memory only
  var sheet = document.getElementById("print-sheet");
  var printButton = document.getElementById("print");
  var readAloud = document.getElementById("read-aloud");
  var speaker = core.speaker(document.documentElement.lang || "en-GB");
  var readingAll = false;  // "Read every message aloud", for headphones
  var idleTimer = null, warnTimer = null, tick = null;
  var session = core.newSessionId("kiosk-", 12);

  function clearScreen() {
    // A reload drops every scrap of this conversation: the page keeps nothing else.
    window.location.replace(window.location.href);
  }

  var look = {
    msgClass: function (who) { return "kiosk-msg " + who; },
    who: { bot: "Signpost said: ", user: "You said: " },
    whoClass: "govuk-visually-hidden",
    listTag: "div", listClass: "kiosk-choices", itemTag: null,
    buttonClass: "govuk-button govuk-button--secondary kiosk-choice",
    choose: function (payload, title) { chat.send(payload, title); },
    speaker: speaker,
    listenClass: "govuk-button govuk-button--secondary kiosk-listen"
  };
  function show(turn) {
    var added = core.renderTurn(log, turn, look);
    if (added) { added.scrollIntoView({ block: "end" }); }
  }

  function showTicket(reference) {
    document.getElementById("ticket-ref").textContent = reference;
    ticket.hidden = false;
    ticket.focus();
  }

  var chat = core.connect({
    url: "/api/chat",
    session: function () { return session; },
    site: site,
    kioskKey: kioskKey,
    credentials: "omit",
    restore: { rejected: false, unreachable: false },
    unreachable: "Sorry, I could not reach the assistant. Please try again, or ask at the desk.",
    said: function (text) { show({ who: "user", text: text }); },
    replied: function (messages) {
      var given = null;
      core.addServices(services, messages);
      messages.forEach(function (m) {
        var turn = { who: "bot", text: m.text, buttons: m.buttons };
        show(turn);
        if (readingAll) { speaker.queue(core.spoken(turn)); }
        // The gateway passes the handoff reference on as data, beside the words.
        given = given || m.handoff_reference || null;
      });
      printButton.hidden = !(printer && (services.length || reference || given));
      if (given) { reference = given; showTicket(given); }
    },
    failed: function (text) { statusEl.textContent = text; },
    busy: function (busy) { core.writing(typing, busy); }
  });

  core.onSubmit(form, input, function () {
    statusEl.textContent = "Type a message first, or touch one of the choices.";
  }, chat.send);

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

  // Reading aloud: each message has "Listen"; this reads every new one (for headphones).
  if (speaker) {
    readAloud.hidden = false;
    readAloud.addEventListener("click", function () {
      readingAll = !readingAll;
      readAloud.setAttribute("aria-pressed", String(readingAll));
      if (!readingAll) { speaker.stop(); }
    });
  }
  // Printing, where the site has a printer: the services given and the reference.
  function printAll() {
    core.printSheet(sheet, services, reference);
    core.printOnly(sheet);
  }
  printButton.addEventListener("click", printAll);
  var ticketPrint = document.getElementById("ticket-print");
  ticketPrint.hidden = !printer;
  ticketPrint.addEventListener("click", printAll);

  active();
  chat.send("/greet", null);
})();
