// Rebound's only script besides htmx (the Content Security Policy allows no inline script).
// 1. A failed htmx request (error answer, no connection, timeout) shows its message in the page's error region
//    and clears the element it would have updated, so no stale result stays on screen under new input.
// 2. A session that ended answers htmx with 401 and HX-Redirect (htmx navigates); a bare 401 reloads the page,
//    which goes through the login.
// 3. <select data-autosubmit> submits its form on change (the tenant switcher).
(function () {
  'use strict';

  function region() {
    return document.getElementById('request-error');
  }

  function showError(message) {
    var r = region();
    if (r) {
      r.textContent = message;
      r.hidden = false;
    }
  }

  function hideError() {
    var r = region();
    if (r) {
      r.hidden = true;
      r.textContent = '';
    }
  }

  function clearTarget(evt) {
    var target = evt.detail && evt.detail.target;
    if (target && target !== document.body) {
      target.replaceChildren();
    }
  }

  // Rebound's error fragments are <section class="error"><h1>title</h1><p>message</p></section>.
  function messageOf(xhr) {
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
      var p = doc.querySelector('.error p');
      if (p && p.textContent.trim()) {
        return p.textContent.trim();
      }
    } catch (e) {
      // fall through to the generic message
    }
    return 'The request failed (HTTP ' + xhr.status + '). Please try again.';
  }

  document.addEventListener('htmx:beforeRequest', hideError);

  document.addEventListener('htmx:responseError', function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr.status === 401 || xhr.status === 499) {
      window.location.reload();
      return;
    }
    clearTarget(evt);
    showError(messageOf(xhr));
  });

  document.addEventListener('htmx:sendError', function (evt) {
    clearTarget(evt);
    showError('Rebound could not be reached. Check the connection and try again.');
  });

  document.addEventListener('htmx:timeout', function (evt) {
    clearTarget(evt);
    showError('Rebound took too long to answer. Please try again.');
  });

  document.addEventListener('change', function (evt) {
    var el = evt.target;
    if (el && el.matches && el.matches('select[data-autosubmit]') && el.form) {
      el.form.requestSubmit();
    }
  });
})();
