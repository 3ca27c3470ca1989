/* Signpost's chat widget. Embed it on any page with one tag:
     <script src="https://YOUR-GATEWAY/static/widget.js" defer></script>
   It talks only to the gateway it was loaded from (never to Rasa). The
   conversation is kept in sessionStorage, so it survives a reload but not the
   closing of the tab; nothing goes in localStorage or cookies. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script.src, window.location.href).origin;
  var KEY = "signpost.widget";

  function load(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
    document.head.appendChild(el);
    return el;
  }
  load("link", { rel: "stylesheet", href: origin + "/static/govuk/govuk-frontend.min.css" });
  load("link", { rel: "stylesheet", href: origin + "/static/widget.css" });
  load("script", { src: origin + "/static/linkify.js" }).addEventListener("load", start);

  function saved() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch (e) { return null; }
  }
  function newState() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    var id = "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return { session: id, turns: [], open: false };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function start() {
    var state = saved() || newState();
    function save() { sessionStorage.setItem(KEY, JSON.stringify(state)); }

    var root = el("div", "sgn-widget");
    var launcher = el("button", "govuk-button sgn-launcher", "Chat with Signpost");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sgn-panel");
    var panel = el("section", "sgn-panel");
    panel.id = "sgn-panel";
    panel.setAttribute("aria-labelledby", "sgn-title");
    panel.hidden = true;
    var head = el("div", "sgn-head");
    var title = el("h2", "govuk-heading-s sgn-title", "Signpost: free help near you");
    title.id = "sgn-title";
    var restart = el("button", "govuk-button govuk-button--secondary sgn-small", "Start again");
    restart.type = "button";
    var close = el("button", "govuk-button govuk-button--secondary sgn-small", "Close chat");
    close.type = "button";
    head.append(title, restart, close);
    var log = el("div", "sgn-log");
    log.id = "sgn-log";
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Conversation");
    log.tabIndex = 0;
    var typing = el("p", "govuk-body-s sgn-typing", "Signpost is writing…");
    typing.hidden = true;
    var status = el("p", "govuk-body-s sgn-status");
    status.setAttribute("role", "status");
    var form = el("form", "sgn-form");
    var label = el("label", "govuk-label", "Your message");
    label.htmlFor = "sgn-message";
    var row = el("div", "sgn-row");
    var input = el("input", "govuk-input");
    input.id = "sgn-message"; input.maxLength = 1000; input.autocomplete = "off";
    var send = el("button", "govuk-button sgn-send", "Send");
    send.type = "submit";
    row.append(input, send);
    form.append(label, row);
    panel.append(head, log, typing, status, form);
    root.append(launcher, panel);
    document.body.appendChild(root);

    function show(turn) {
      if (turn.text) {
        var p = el("p", "sgn-msg sgn-" + turn.who);
        var who = el("span", "govuk-visually-hidden", turn.who === "bot" ? "Signpost said: " : "You said: ");
        p.appendChild(who);
        window.SignpostText.render(p, turn.text);
        log.appendChild(p);
      }
      if (turn.buttons && turn.buttons.length) {
        var list = el("ul", "sgn-choices");
        list.setAttribute("aria-label", "Choices");
        turn.buttons.forEach(function (b) {
          var li = el("li");
          var button = el("button", "govuk-button govuk-button--secondary sgn-choice", b.title);
          button.type = "button";
          button.addEventListener("click", function () { say(b.payload, b.title); });
          li.appendChild(button);
          list.appendChild(li);
        });
        log.appendChild(list);
      }
      log.scrollTop = log.scrollHeight;
    }
    function remember(turn) { state.turns.push(turn); save(); show(turn); }

    var busy = false;
    function say(message, shown) {
      if (busy) { return; }
      busy = true; send.disabled = true; typing.hidden = false; status.textContent = "";
      if (shown !== null) { remember({ who: "user", text: shown || message }); }
      fetch(origin + "/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "omit",
        body: JSON.stringify({ session: state.session, message: message })
      }).then(function (r) {
        return r.json().then(function (d) { return { ok: r.ok, data: d }; });
      }).then(function (result) {
        if (!result.ok) {
          status.textContent = (result.data.error && result.data.error.message) || "Sorry, something went wrong.";
          return;
        }
        result.data.messages.forEach(function (m) { remember({ who: "bot", text: m.text, buttons: m.buttons }); });
      }).catch(function () {
        status.textContent = "Sorry, I could not reach the assistant. Your message was not sent. Please try again.";
        if (shown !== null && message.charAt(0) !== "/") { input.value = message; }
      }).then(function () {
        busy = false; send.disabled = false; typing.hidden = true;
      });
    }

    function setOpen(open) {
      state.open = open; save();
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      launcher.hidden = open;
      if (open) {
        if (!state.turns.length) { say("/greet", null); }
        input.focus();
      } else {
        launcher.focus();
      }
    }
    launcher.addEventListener("click", function () { setOpen(true); });
    close.addEventListener("click", function () { setOpen(false); });
    restart.addEventListener("click", function () {
      state = newState(); state.open = true; save();
      while (log.firstChild) { log.removeChild(log.firstChild); }
      say("/greet", null);
      input.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) { status.textContent = "Please type a message first."; input.focus(); return; }
      input.value = "";
      say(text, text);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { setOpen(false); }
    });

    state.turns.forEach(show);  // resume after a reload
    if (state.open) { panel.hidden = false; launcher.hidden = true; launcher.setAttribute("aria-expanded", "true"); }
  }
})();
