// CSRF: every same-origin fetch that changes something carries the token of the cookie minyi-csrf in the header
// X-CSRF-Token (org.minyi.security.CsrfFilter). Loaded by the layout before the page's own scripts.
(function () {
  'use strict';
  function token() {
    const m = document.cookie.match(/(?:^|;\s*)minyi-csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }
  const original = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const req = input instanceof Request ? input : null;
    const opts = Object.assign({}, init || {});
    const method = String(opts.method || (req ? req.method : 'GET')).toUpperCase();
    const url = new URL(req ? req.url : String(input), window.location.href);
    if (url.origin === window.location.origin && ['GET', 'HEAD', 'OPTIONS'].indexOf(method) < 0) {
      const headers = new Headers(opts.headers || (req ? req.headers : undefined));
      headers.set('X-CSRF-Token', token());
      opts.headers = headers;
    }
    return original(input, opts);
  };
})();
