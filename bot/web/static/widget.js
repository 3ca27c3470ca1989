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
  load("script", { src: origin + "/static/chat-core.js" }).addEventListener("load", start);

  function saved() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch (e) { return null; }
  }
  function newState() {
    return { session: window.SignpostChat.newSessionId("web-", 12), turns: [], open: false };
  }

  function start() {
    var core = window.SignpostChat;
    var el = core.el;
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
    var statement = el("a", "govuk-link govuk-body-s sgn-statement", "Accessibility statement");
    statement.href = origin + "/accessibility";
    statement.target = "_blank";
    statement.rel = "noopener";
    panel.append(head, log, typing, status, form, statement);
    root.append(launcher, panel);
    document.body.appendChild(root);

    var look = {
      msgClass: function (who) { return "sgn-msg sgn-" + who; },
      who: { bot: "Signpost said: ", user: "You said: " },
      whoClass: "govuk-visually-hidden",
      listTag: "ul", listClass: "sgn-choices", itemTag: "li",
      buttonClass: "govuk-button govuk-button--secondary sgn-choice",
      choose: function (payload, title) { chat.send(payload, title); }
    };
    function show(turn) {
      core.renderTurn(log, turn, look);
      log.scrollTop = log.scrollHeight;
    }
    function remember(turn) { state.turns.push(turn); save(); show(turn); }

    var chat = core.connect({
      url: origin + "/api/chat",
      session: function () { return state.session; },
      credentials: "omit",
      input: input,
      restore: { rejected: false, unreachable: true },
      unreachable: "Sorry, I could not reach the assistant. Your message was not sent. Please try again.",
      // Shown at once, but kept in sessionStorage only as the gateway stored it (redacted).
      said: function (text) { show({ who: "user", text: text }); },
      kept: function (text) { state.turns.push({ who: "user", text: text }); save(); },
      replied: function (messages) {
        messages.forEach(function (m) { remember({ who: "bot", text: m.text, buttons: m.buttons }); });
      },
      failed: function (text) { status.textContent = text; },
      busy: function (busy) { send.disabled = busy; typing.hidden = !busy; }
    });

    function setOpen(open) {
      state.open = open; save();
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      launcher.hidden = open;
      if (open) {
        if (!state.turns.length) { chat.send("/greet", null); }
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
      chat.send("/greet", null);
      input.focus();
    });
    core.onSubmit(form, input, function () {
      status.textContent = "Please type a message first."; input.focus();
    }, chat.send);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { setOpen(false); }
    });

    state.turns.forEach(show);  // resume after a reload
    if (state.open) { panel.hidden = false; launcher.hidden = true; launcher.setAttribute("aria-expanded", "true"); }
  }
})();
