/*
 * Marcottage widget: an organisation's open opportunities on a partner's own page.
 *
 *   <div data-marcottage-opportunities data-organisation="ORGANISATION-ID"
 *        data-lang="fr" data-limit="5"></div>
 *   <script src="https://MARCOTTAGE-HOST/widget.js" async></script>
 *
 * It reads the public API (GET /api/v1/opportunities?organisation=…), or through an API key
 * with data-key="mk_…" (give such a key the `read` scope only and the partner's page among its
 * CORS origins: a key in a page is visible to its visitors). It draws in a shadow root, so the
 * page's styles and the widget's do not mix, and writes every text as text, never as HTML.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : '/', window.location.href).origin;
  var TEXTS = {
    fr: {
      title: 'Nos opportunités sur Marcottage',
      none: 'Aucune opportunité ouverte pour le moment.',
      failed: 'Les opportunités ne peuvent pas être affichées pour le moment.',
      more: 'Voir sur Marcottage',
      expires: 'jusqu’au ',
      request: 'Recherche',
      offer: 'Propose',
    },
    en: {
      title: 'Our opportunities on Marcottage',
      none: 'No open opportunity at the moment.',
      failed: 'The opportunities cannot be shown at the moment.',
      more: 'See on Marcottage',
      expires: 'until ',
      request: 'Looking for',
      offer: 'Offering',
    },
  };
  var STYLE =
    ':host{display:block;font:15px/1.45 system-ui,sans-serif;color:#1d2b22}' +
    'h2{font-size:1.1em;margin:0 0 .5em}ul{list-style:none;margin:0;padding:0}' +
    'li{border-top:1px solid #d5dfd8;padding:.5em 0}a{color:#1f5f3b;font-weight:600}' +
    '.meta{color:#4f5d54;font-size:.9em}.more{display:inline-block;margin-top:.5em}';

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function day(value, lang) {
    var date = new Date(value);
    return isNaN(date.getTime()) ? '' : date.toLocaleDateString(lang, { dateStyle: 'long' });
  }

  function item(opportunity, texts, lang) {
    var li = element('li');
    var link = element('a', opportunity.title);
    link.href = base + '/opportunities/' + encodeURIComponent(opportunity.id);
    link.target = '_blank';
    link.rel = 'noopener';
    li.appendChild(link);
    var where = [opportunity.city, opportunity.country].filter(Boolean).join(', ');
    var meta = (opportunity.direction === 'offer' ? texts.offer : texts.request) + ' · ' + where;
    var until = day(opportunity.expires_at, lang);
    if (until) meta += ' · ' + texts.expires + until;
    li.appendChild(element('div', meta, 'meta'));
    return li;
  }

  function show(host) {
    var organisation = host.getAttribute('data-organisation') || '';
    var lang = host.getAttribute('data-lang') === 'en' ? 'en' : 'fr';
    var limit = Math.min(Math.max(parseInt(host.getAttribute('data-limit') || '5', 10) || 5, 1), 20);
    var key = host.getAttribute('data-key');
    var texts = TEXTS[lang];
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = element('style', STYLE);
    root.appendChild(style);
    root.appendChild(element('h2', host.getAttribute('data-title') || texts.title));
    var status = element('p', '', 'meta');
    root.appendChild(status);
    var url =
      base + '/api/v1/opportunities?organisation=' + encodeURIComponent(organisation) +
      '&sort=newest&limit=' + limit;
    var headers = { Accept: 'application/json', 'Accept-Language': lang };
    if (key) headers['X-Api-Key'] = key;
    fetch(url, { headers: headers, credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (page) {
        if (!page.items.length) {
          status.textContent = texts.none;
          return;
        }
        status.remove();
        var list = element('ul');
        list.setAttribute('data-count', String(page.total));
        page.items.forEach(function (opportunity) {
          list.appendChild(item(opportunity, texts, lang));
        });
        root.appendChild(list);
        var more = element('a', texts.more, 'more');
        more.href = base + '/organisations/' + encodeURIComponent(organisation);
        more.target = '_blank';
        more.rel = 'noopener';
        root.appendChild(more);
      })
      .catch(function () {
        status.textContent = texts.failed;
      });
  }

  var hosts = document.querySelectorAll('[data-marcottage-opportunities]');
  for (var i = 0; i < hosts.length; i += 1) {
    if (!hosts[i].hasAttribute('data-marcottage-shown')) {
      hosts[i].setAttribute('data-marcottage-shown', '');
      show(hosts[i]);
    }
  }
})();
