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
  load("link", { rel: "stylesheet", href: origin + "/static/print.css" });
  load("script", { src: origin + "/static/chat-core.js" }).addEventListener("load", start);

  function saved() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch (e) { return null; }
  }
  function newState() {
    return { session: window.SignpostChat.newSessionId("web-", 12), turns: [], services: [], reference: null, open: false };
  }

  function start() {
    var core = window.SignpostChat;
    var el = core.el;
    var state = saved() || newState();
    state.services = state.services || [];
    function save() { sessionStorage.setItem(KEY, JSON.stringify(state)); }

    var root = el("div", "sgn-widget");
    var launcher = el("button", "govuk-button sgn-launcher", "Chat with Signpost");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sgn-panel");
    var panel = el("section", "sgn-panel");
    panel.id = "sgn-panel";
    panel.setAttribute("aria-labelledby", "sgn-title");
    panel.lang = "en-GB";  // the assistant writes English, whatever the host page's language
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
    var typing = el("p", "govuk-body-s sgn-typing");
    typing.setAttribute("role", "status");
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
    var printButton = el("button", "govuk-button govuk-button--secondary sgn-small sgn-print-button", "Print or save these");
    printButton.type = "button";
    printButton.hidden = true;
    var sheet = el("section", "sgn-print");
    sheet.hidden = true;
    sheet.lang = "en-GB";
    sheet.setAttribute("aria-label", "Printable summary");
    panel.append(head, log, typing, status, form, printButton, statement);
    root.append(launcher, panel, sheet);
    document.body.appendChild(root);

    var look = {
      msgClass: function (who) { return "sgn-msg sgn-" + who; },
      who: { bot: "Signpost said: ", user: "You said: " },
      whoClass: "govuk-visually-hidden",
      listTag: "ul", listClass: "sgn-choices", itemTag: "li",
      buttonClass: "govuk-button govuk-button--secondary sgn-choice",
      choose: function (payload, title) { chat.send(payload, title); },
      speaker: core.speaker("en-GB"),
      listenClass: "govuk-button govuk-button--secondary sgn-listen"
    };
    function showPrint() { printButton.hidden = !(state.services.length || state.reference); }
    function show(turn) {
      var added = core.renderTurn(log, turn, look);
      log.scrollTop = log.scrollHeight;
      return added;
    }
    function remember(turn) { state.turns.push(turn); save(); return show(turn); }

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
        core.addServices(state.services, messages);
        var first = null;
        messages.forEach(function (m) {
          state.reference = m.handoff_reference || state.reference;
          var added = remember({ who: "bot", text: m.text, buttons: m.buttons });
          first = first || added;
        });
        showPrint();
        // On a short screen (400% zoom) the whole panel scrolls, not the log.
        if (first) { core.showStart(first, [log, panel]); }
      },
      failed: function (text) { status.textContent = text; },
      busy: function (busy) { send.disabled = busy; core.writing(typing, busy); }
    });

    function setOpen(open) {
      state.open = open; save();
      if (!open && look.speaker) { look.speaker.stop(); }
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
    printButton.addEventListener("click", function () {
      core.printSheet(sheet, state.services, state.reference);
      core.printOnly(sheet);
    });
    restart.addEventListener("click", function () {
      if (look.speaker) { look.speaker.stop(); }
      state = newState(); state.open = true; save(); showPrint();
      while (log.firstChild) { log.removeChild(log.firstChild); }
      chat.send("/greet", null);
      input.focus();
    });
    // On a phone the panel fills the screen: what the keyboard leaves of it, not the page.
    var phone = window.matchMedia("(max-width: 40em)");
    core.keepInView(input, function (view) {
      var fill = view && phone.matches;
      panel.style.top = fill ? view.offsetTop + "px" : "";
      panel.style.height = fill ? view.height + "px" : "";
      panel.style.bottom = fill ? "auto" : "";
    });
    core.onSubmit(form, input, function () {
      status.textContent = "Please type a message first."; input.focus();
    }, chat.send);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { setOpen(false); }
    });

    state.turns.forEach(show);  // resume after a reload
    showPrint();
    if (state.open) { panel.hidden = false; launcher.hidden = true; launcher.setAttribute("aria-expanded", "true"); }
  }
})();
