/*
 * Wijk: small progressive enhancements. Every page works without this file.
 *
 * CSP-safe: no eval, no inline code, no inline styles. Loaded with `defer` right after
 * htmx.min.js, so it runs after htmx is defined but before DOMContentLoaded, i.e. before
 * htmx reads its configuration and would insert its indicator <style> element.
 */
(function () {
  "use strict";

  // --- htmx settings that fit our Content-Security-Policy --------------------------------
  if (window.htmx) {
    var config = window.htmx.config;
    // htmx would inject an inline <style> for .htmx-indicator; CSP blocks that.
    // The same rules live in static/css/wijk.css.
    config.includeIndicatorStyles = false;
    // No eval-based features (hx-on with code, trigger filters, js: values): CSP forbids them.
    config.allowEval = false;
    // Never run <script> elements that arrive in htmx responses.
    config.allowScriptTags = false;
    // Only talk to our own server.
    config.selfRequestsOnly = true;
    // Do not keep copies of pages (with personal data) in localStorage on shared devices;
    // on "back" the browser loads the page again instead.
    config.historyCacheSize = 0;
    config.refreshOnHistoryMiss = true;
  }

  // --- Confirm before submitting -----------------------------------------------------------
  // <form data-confirm="Weet je het zeker?"> or <button type="submit" data-confirm="...">.
  // Listens in the capture phase on the document, so a "no" also stops htmx-powered forms.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var question =
        (submitter && submitter.getAttribute("data-confirm")) ||
        (form && form.getAttribute && form.getAttribute("data-confirm"));
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // --- Links that look like buttons --------------------------------------------------------
  // <a href role="button"> (Pico's button look) is announced as a button, and people expect a
  // button to react to the space bar as well as Enter; a link only reacts to Enter.
  // So Space follows the link too, as GOV.UK Frontend does for its link buttons.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (
      (event.key === " " || event.key === "Spacebar") &&
      target.matches &&
      target.matches('a[role="button"][href]')
    ) {
      event.preventDefault();
      target.click();
    }
  });

  // --- Error summary -----------------------------------------------------------------------
  // Move focus to the summary of form errors so keyboard and screen reader users start there.
  var SUMMARY = ".error-summary, .form-fouten";

  function focusErrorSummary(root) {
    var summary = root.matches && root.matches(SUMMARY) ? root : root.querySelector(SUMMARY);
    if (summary) {
      summary.focus();
    }
  }

  // --- Print buttons -----------------------------------------------------------------------
  // <button type="button" data-print hidden>: shown only when this script runs.
  function enablePrintButtons(root) {
    var buttons = root.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.hasAttribute("data-print-ready")) {
        return;
      }
      button.setAttribute("data-print-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function init() {
    focusErrorSummary(document);
    enablePrintButtons(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // htmx fires htmx:load on every piece of content it adds (e.g. a form returned with errors).
  document.addEventListener("htmx:load", function (event) {
    var element = event.target;
    if (element === document.body) {
      return; // the initial page, handled by init()
    }
    focusErrorSummary(element);
    enablePrintButtons(element);
  });
})();
