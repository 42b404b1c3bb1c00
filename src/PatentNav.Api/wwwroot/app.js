// The park managers' page: pick a place and an industry, read the navigation report (方向 — 定位 — 路径) embedded from
// GET /api/reports/navigation?format=html&fragment=true, and download it with its dataset. Plain browser JavaScript, no
// build step and nothing loaded from elsewhere: the page must work offline, served by PatentNav.Api from wwwroot/.
'use strict';

(() => {
  /** The plan's priority chains, listed first in this order (连云港 city plan). */
  const PRIORITY_CHAINS = ['高端石化', '新医药', '新材料', '海工装备', '新能源'];
  const DEFAULTS = { place: '320771', industry: 'city:新材料' };
  /** Optional report parameters, in the order they appear in the query string. */
  const OPTIONAL = ['benchmark', 'from', 'to', 'cutoff', 'top', 'minSupport'];
  /** Where the API key is kept when the service requires one for reads: this tab only, gone when it closes. */
  const KEY_STORAGE = 'patentnav.apiKey';
  const LEVELS = [['park', '园区'], ['city', '市'], ['district', '区县'], ['province', '省']];
  const PARAMETER_NAMES = {
    place: '地区/园区', industry: '产业', benchmark: '对标范围', from: '起始日期', to: '结束日期',
    cutoff: '数据截止日', top: '列表条数', minSupport: '最小支持数', format: '格式', dateField: '日期字段',
  };

  const $ = (id) => document.getElementById(id);
  const form = $('report-form');
  const placeSelect = $('place');
  const industrySelect = $('industry');
  const statusLine = $('status');
  const downloads = $('downloads');
  const reportView = $('report-view');
  const keyForm = $('key-form');
  const keyInput = $('api-key');

  let running = null; // AbortController of the report request in flight
  let apiKey = storedKey();

  function storedKey() {
    try { return window.sessionStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
  }

  function storeKey(key) {
    try {
      if (key) window.sessionStorage.setItem(KEY_STORAGE, key); else window.sessionStorage.removeItem(KEY_STORAGE);
    } catch { /* storage refused (private mode): the key lives until the page is reloaded */ }
  }

  /** Request headers: what the page accepts, and the API key once the user has given one. */
  function requestHeaders(accept) {
    const headers = { Accept: accept };
    if (apiKey) headers['X-Api-Key'] = apiKey;
    return headers;
  }

  /** Shows the key form: the service answered 401 (it requires a key for reads, or the key given is not valid). */
  function askForKey() {
    if (keyForm.hidden) {
      keyForm.hidden = false;
      keyInput.value = apiKey;
      keyInput.focus();
    }
  }

  function setStatus(state, text) {
    statusLine.dataset.state = state;
    statusLine.textContent = text;
  }

  /** A ProblemDetails answer (or any failed response) in words, naming the parameter when the server does. */
  async function describeFailure(response) {
    let problem = null;
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch { problem = null; }
    }

    const detail = problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : response.statusText;
    const errors = problem && problem.errors && typeof problem.errors === 'object'
      ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join('；')}`).join('；')
      : '';
    const parameter = problem && problem.parameter ? problem.parameter : '';
    const named = parameter ? `参数 ${parameter}${PARAMETER_NAMES[parameter] ? `（${PARAMETER_NAMES[parameter]}）` : ''}有误：` : '';
    const text = [detail, errors].filter(Boolean).join('；');
    switch (response.status) {
      case 400: return `请求有误 — ${named}${text}`;
      case 401:
        askForKey();
        return `${apiKey ? 'API 密钥无效' : '需要 API 密钥'}（HTTP 401）：${text.replace(/[.。]\s*$/, '')}。请在上方输入密钥。`;
      case 404: return `未找到（HTTP 404）：${named}${text}`;
      case 503: return `分析超过时间限制或服务暂不可用（HTTP 503）：${text}。请缩小时间范围后重试。`;
      default: return `服务出错（HTTP ${response.status}）：${named}${text}`;
    }
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: requestHeaders('application/json, application/problem+json;q=0.9') });
    if (!response.ok) {
      throw new Error(await describeFailure(response));
    }
    return response.json();
  }

  function option(value, label) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  function group(label, options) {
    const g = document.createElement('optgroup');
    g.label = label;
    g.append(...options);
    return g;
  }

  function fillPlaces(catalogue) {
    const places = (catalogue && catalogue.places) || [];
    const known = new Set(LEVELS.map(([level]) => level));
    const groups = LEVELS.map(([level, label]) => [label, places.filter((p) => p.level === level)]);
    groups.push(['其他', places.filter((p) => !known.has(p.level))]);
    placeSelect.replaceChildren(...groups
      .filter(([, list]) => list.length > 0)
      .map(([label, list]) => group(label, list.map((p) => option(p.id, p.name)))));
  }

  function fillIndustries(city, sei) {
    const chains = (city && city.definition && city.definition.chains) || [];
    const rank = (c) => { const i = PRIORITY_CHAINS.indexOf(c.code); return i < 0 ? PRIORITY_CHAINS.length : i; };
    const ordered = chains.map((c, i) => [c, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([c]) => c);
    const priority = ordered.filter((c) => rank(c) < PRIORITY_CHAINS.length);
    const others = ordered.filter((c) => rank(c) >= PRIORITY_CHAINS.length);
    const industries = (sei && sei.industries) || [];
    const groups = [];
    if (priority.length) groups.push(group('市重点产业链（规划优先）', priority.map((c) => option(`city:${c.code}`, c.name))));
    if (others.length) groups.push(group('市其他产业链', others.map((c) => option(`city:${c.code}`, c.name))));
    if (industries.length) groups.push(group('战略性新兴产业（SEI 2021）', industries.map((i) => option(`sei:${i.code}`, `${i.code} ${i.name}`))));
    industrySelect.replaceChildren(...groups);
  }

  /** Selects value in select, adding it (marked as coming from the link) when the list does not have it. */
  function choose(select, value) {
    if (!value) return;
    if (![...select.options].some((o) => o.value === value)) {
      select.append(option(value, `${value}（链接中的值）`));
    }
    select.value = value;
  }

  function readUrl() {
    const q = new URLSearchParams(window.location.search);
    const params = { place: q.get('place') || '', industry: q.get('industry') || '' };
    for (const name of OPTIONAL) params[name] = q.get(name) || '';
    return params;
  }

  function readForm() {
    const params = { place: placeSelect.value, industry: industrySelect.value };
    for (const name of OPTIONAL) params[name] = form.elements[name].value.trim();
    return params;
  }

  function writeForm(params) {
    choose(placeSelect, params.place || DEFAULTS.place);
    choose(industrySelect, params.industry || DEFAULTS.industry);
    for (const name of OPTIONAL) form.elements[name].value = params[name] || '';
    if (OPTIONAL.some((name) => params[name])) $('more-options').open = true;
  }

  /** The report parameters as a query string: place and industry first, then the optional ones that are set. */
  function query(params) {
    const q = new URLSearchParams();
    q.set('place', params.place);
    q.set('industry', params.industry);
    for (const name of OPTIONAL) if (params[name]) q.set(name, params[name]);
    return q;
  }

  function withFormat(path, params, extra) {
    const q = query(params);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${path}?${q}`;
  }

  function showDownloads(params) {
    for (const a of downloads.querySelectorAll('a[data-format]')) {
      const format = a.dataset.format;
      a.href = format === 'csv' || format === 'xlsx'
        ? withFormat('/api/reports/navigation/data', params, { format })
        : withFormat('/api/reports/navigation', params, { format, download: 'true' });
    }
    $('open-full').href = withFormat('/api/reports/navigation', params, { format: 'html' });
    downloads.hidden = false;
  }

  function label(select) {
    const o = select.selectedOptions[0];
    return o ? o.textContent : select.value;
  }

  async function generate(params, push) {
    if (!params.place || !params.industry) {
      setStatus('error', !params.place ? '请选择地区或园区。' : '请选择产业。');
      return;
    }

    const search = `?${query(params)}`;
    if (push && window.location.search !== search) {
      window.history.pushState(null, '', search);
    } else if (!push) {
      window.history.replaceState(null, '', search);
    }

    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    const started = performance.now();
    const what = `${label(placeSelect)} · ${label(industrySelect)}`;
    downloads.hidden = true;
    reportView.setAttribute('aria-busy', 'true');
    setStatus('loading', `正在生成报告：${what}……（分析全部数据，可能需要数十秒）`);
    try {
      const response = await fetch(withFormat('/api/reports/navigation', params, { format: 'html', fragment: 'true' }),
        // application/problem+json too: ASP.NET Core writes no ProblemDetails body for a request that accepts only HTML.
        { headers: requestHeaders('text/html, application/problem+json;q=0.9'), signal: controller.signal });
      if (!response.ok) {
        const message = await describeFailure(response);
        if (running !== controller) return;
        reportView.replaceChildren();
        setStatus('error', `报告生成失败。${message}`);
        return;
      }

      const html = await response.text();
      if (running !== controller) return;
      // The fragment is the service's own escaped HTML (an <article class="pn-report"> with its scoped <style>); scripts
      // inserted this way never run, and the page's Content-Security-Policy allows scripts from this origin only.
      reportView.innerHTML = html;
      showDownloads(params);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      setStatus('ready', `报告已生成：${what}（用时 ${seconds} 秒）。`);
      const heading = reportView.querySelector('h1, h2');
      document.title = `${heading ? heading.textContent.trim() : what} · 专利导航`;
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      if (running !== controller) return;
      reportView.replaceChildren();
      setStatus('error', `报告生成失败：无法连接服务（${error && error.message ? error.message : error}）。`);
    } finally {
      if (running === controller) {
        running = null;
        reportView.removeAttribute('aria-busy');
      }
    }
  }

  /** The file name a Content-Disposition header gives (RFC 6266: filename* first), or the fallback. */
  function fileName(disposition, fallback) {
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition || '');
    if (star) {
      try { return decodeURIComponent(star[1].trim()); } catch { /* a malformed name: try the plain one */ }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition || '');
    return plain ? plain[1].trim() : fallback;
  }

  /** A download or the full report when the service requires a key: a plain link cannot send X-Api-Key, so the page
   *  fetches the file with it and hands the browser the bytes (saved, or opened in the window opened on the click). */
  async function fetchWithKey(link, target) {
    setStatus('loading', `正在下载：${link.textContent.trim()}……`);
    try {
      const response = await fetch(link.href, { headers: requestHeaders('*/*, application/problem+json;q=0.9') });
      if (!response.ok) {
        const message = await describeFailure(response);
        if (target) target.close();
        setStatus('error', `下载失败。${message}`);
        return;
      }

      const url = URL.createObjectURL(await response.blob());
      if (target) {
        target.location.href = url;
      } else {
        const save = document.createElement('a');
        save.href = url;
        // The service names its downloads; the full report (or a popup the browser refused) has no name: it is HTML.
        save.download = fileName(response.headers.get('content-disposition'), `patentnav-report.${link.dataset.format || 'html'}`);
        document.body.append(save);
        save.click();
        save.remove();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus('ready', `已下载：${link.textContent.trim()}。`);
    } catch (error) {
      if (target) target.close();
      setStatus('error', `下载失败：无法连接服务（${error && error.message ? error.message : error}）。`);
    }
  }

  downloads.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || !apiKey) return; // without a key the links work as plain links
    event.preventDefault();
    // The window is opened now, inside the click, so that popup blockers allow it; it gets the report when it arrives.
    fetchWithKey(link, link.id === 'open-full' ? window.open('', '_blank') : null);
  });

  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey = keyInput.value.trim();
    storeKey(apiKey);
    start();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    generate(readForm(), true);
  });

  window.addEventListener('popstate', () => {
    const params = readUrl();
    writeForm(params);
    if (params.place && params.industry) {
      generate(params, false);
    } else {
      if (running) running.abort();
      reportView.replaceChildren();
      downloads.hidden = true;
      setStatus('idle', '请选择地区和产业，然后点击“生成报告”。');
    }
  });

  async function start() {
    setStatus('loading', '正在加载地区与产业列表……');
    const [places, city, sei] = await Promise.allSettled([
      getJson('/api/places'), getJson('/api/taxonomies/city'), getJson('/api/taxonomies/sei')]);
    // Distinct messages only: without a key all three lists fail the same way.
    const failures = [...new Set([places, city, sei].filter((r) => r.status === 'rejected').map((r) => r.reason.message))];
    fillPlaces(places.value);
    fillIndustries(city.value, sei.value);

    const params = readUrl();
    writeForm(params);
    if (failures.length) {
      setStatus('error', `列表加载失败：${failures.join('；')}`);
      return;
    }

    keyForm.hidden = true; // the lists loaded: no key needed, or the key given is valid

    if (params.place && params.industry) {
      generate(readForm(), false);
    } else {
      setStatus('idle', '请选择地区和产业，然后点击“生成报告”。');
    }
  }

  start();
})();
