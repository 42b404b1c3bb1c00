// What every tab of the workbench shares: the API key of this tab, requests and their errors in words, small DOM
// helpers, number formats, the place and industry lists, and the tabs themselves. Plain browser JavaScript, no build
// step and nothing loaded from elsewhere: the page must work offline, served by PatentNav.Api from wwwroot/.
'use strict';

window.PatentNav = (() => {
  /** Where the API key is kept: this browser tab only, gone when it closes. */
  const KEY_STORAGE = 'patentnav.apiKey';
  /** The plan's priority chains, listed first in this order (连云港 city plan). */
  const PRIORITY_CHAINS = ['高端石化', '新医药', '新材料', '海工装备', '新能源'];
  const LEVELS = [['park', '园区'], ['city', '市'], ['district', '区县'], ['province', '省']];
  /** Parameter names as the service gives them in ProblemDetails.parameter, in Chinese. */
  const PARAMETER_NAMES = {
    place: '地区/园区', industry: '产业', benchmark: '对标范围', from: '起始日期', to: '结束日期',
    cutoff: '数据截止日', top: '列表条数', minSupport: '最小支持数', format: '格式', dateField: '日期字段',
    q: '检索式', ipc: 'IPC', applicant: '申请人', region: '地区', kind: '专利类型', status: '法律状态',
    sort: '排序', cursor: '翻页游标', size: '每页条数', facets: '分面', file: '文件', mapping: '字段映射',
    encoding: '编码', text: '需求描述', weights: '权重', unitLevel: '技术单元层级', k: '聚类数', at: '日期',
    holderType: '权利人类型', validOnly: '仅有效专利', firstOnly: '仅第一申请人', asOf: '评估日期',
  };

  const $ = (id) => document.getElementById(id);
  const keyForm = $('key-form');
  const keyInput = $('api-key');
  const keyListeners = [];
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
  function headers(accept, extra) {
    const h = { Accept: accept, ...(extra || {}) };
    if (apiKey) h['X-Api-Key'] = apiKey;
    return h;
  }

  /** Shows the key form: the service answered 401 (it requires a key, or the key given is not valid). */
  function askForKey() {
    if (keyForm.hidden) {
      keyForm.hidden = false;
      keyInput.value = apiKey;
      keyInput.focus();
    }
  }

  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey = keyInput.value.trim();
    storeKey(apiKey);
    for (const listener of keyListeners) listener();
  });

  /** A ProblemDetails answer (or any failed response) in words, naming the parameter when the server does. */
  function describeProblem(status, problem, statusText) {
    const detail = problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : statusText;
    const errors = problem && problem.errors && typeof problem.errors === 'object'
      ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join('；')}`).join('；')
      : '';
    const parameter = problem && problem.parameter ? problem.parameter : '';
    const named = parameter ? `参数 ${parameter}${PARAMETER_NAMES[parameter] ? `（${PARAMETER_NAMES[parameter]}）` : ''}有误：` : '';
    const suggestion = problem && problem.suggestion ? `（是否想用 ${problem.suggestion}？）` : '';
    const text = [detail, errors].filter(Boolean).join('；') + suggestion;
    switch (status) {
      case 400: return `请求有误 — ${named}${text}`;
      case 401:
        askForKey();
        return `${apiKey ? 'API 密钥无效' : '需要 API 密钥'}（HTTP 401）：${String(text).replace(/[.。]\s*$/, '')}。请在上方输入密钥。`;
      case 404: return `未找到（HTTP 404）：${named}${text}`;
      case 409: return `操作冲突（HTTP 409）：${text}`;
      case 413: return `文件过大（HTTP 413）：${text}`;
      case 422: return `文件无法导入（HTTP 422）：${named}${text}`;
      case 503: return `分析超过时间限制或服务暂不可用（HTTP 503）：${text}。请缩小范围或稍后重试。`;
      default: return `服务出错（HTTP ${status}）：${named}${text}`;
    }
  }

  async function describeFailure(response) {
    let problem = null;
    if ((response.headers.get('content-type') || '').includes('json')) {
      try { problem = await response.json(); } catch { problem = null; }
    }
    return describeProblem(response.status, problem, response.statusText);
  }

  /** An error whose message is already in words for the user. */
  class ApiError extends Error {}

  /** Fetches JSON; a failed answer throws an ApiError with the problem in words. */
  async function request(url, options) {
    const init = { ...(options || {}) };
    const extra = init.body !== undefined && !(init.body instanceof FormData) ? { 'Content-Type': 'application/json' } : {};
    init.headers = headers('application/json, application/problem+json;q=0.9', extra);
    if (init.body !== undefined && !(init.body instanceof FormData) && typeof init.body !== 'string') {
      init.body = JSON.stringify(init.body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      if (error && error.name === 'AbortError') throw error;
      throw new ApiError(`无法连接服务（${error && error.message ? error.message : error}）。`);
    }
    if (!response.ok) throw new ApiError(await describeFailure(response));
    return { response, body: response.status === 204 ? null : await response.json() };
  }

  const getJson = async (url, options) => (await request(url, options)).body;

  /**
   * Runs a long analysis that the service answers as a job (202 + Location: /api/jobs/{id}), reporting its progress
   * until it succeeds; a failed or cancelled job throws with its message. signal cancels it on the service too.
   */
  async function runJob(url, body, onProgress, signal) {
    const { response, body: first } = await request(url, { method: 'POST', body, signal });
    let job = first;
    const location = response.headers.get('location') || (job && job.id ? `/api/jobs/${job.id}` : null);
    const cancel = () => { if (location) fetch(location, { method: 'DELETE', headers: headers('application/json') }).catch(() => {}); };
    if (signal) signal.addEventListener('abort', cancel, { once: true });
    try {
      while (job && (job.state === 'queued' || job.state === 'running')) {
        if (onProgress) onProgress(job.progress || null);
        await delay(400, signal);
        job = await getJson(location, { signal });
      }
    } finally {
      if (signal) signal.removeEventListener('abort', cancel);
    }
    if (job && job.state === 'cancelled') throw new ApiError('分析已取消。');
    if (!job || job.state !== 'succeeded') {
      throw new ApiError(describeProblem((job && job.errorStatus) || 500, { detail: (job && job.error) || '分析失败，服务没有给出原因' }, ''));
    }
    return job.result;
  }

  function delay(ms, signal) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      if (signal) signal.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
    });
  }

  /** Creates an element: h('td', { className: 'num' }, '12'); strings become text (never HTML). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k in el && k !== 'list') el[k] = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  /** Replaces el's children: lists flattened, null, undefined and false left out (replaceChildren would print them). */
  function put(el, ...children) {
    el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))));
    return el;
  }

  /** A table from rows: columns are [heading, (row) => cell, className?]; id names the table. */
  function table(columns, rows, caption, id) {
    return h('table', { className: 'data', id },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(([head, , cls]) => h('th', { scope: 'col', className: cls || '' }, head)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell, cls]) => h('td', { className: cls || '' }, cell(row)))))));
  }

  /** Text with the service's <em> highlight marks as elements; everything else stays text. */
  function marked(fragment) {
    const parts = String(fragment).split(/(<em>|<\/em>)/);
    const out = [];
    let inside = false;
    for (const part of parts) {
      if (part === '<em>') inside = true;
      else if (part === '</em>') inside = false;
      else if (part) out.push(inside ? h('mark', {}, part) : part);
    }
    return out;
  }

  const nf = new Intl.NumberFormat('zh-CN');
  const num = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : nf.format(v));
  const fixed = (v, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v).toFixed(digits));
  const pct = (v, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)} %`);
  const signedPct = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`);

  const KINDS = { inventionApplication: '发明申请', inventionGrant: '发明授权', utilityModel: '实用新型', design: '外观设计', unknown: '未知' };
  const STATUSES = { valid: '有效', lapsed: '失效', pending: '审中', unknown: '未知' };

  /** A status line (role=status) of one tab: idle, loading, ready or error. */
  function status(el) {
    return (state, text) => {
      el.dataset.state = state;
      el.textContent = text;
    };
  }

  /** A failure as the status line shows it; an aborted request shows nothing. */
  function failure(setStatus, prefix) {
    return (error) => {
      if (error && error.name === 'AbortError') return;
      setStatus('error', `${prefix}${error instanceof ApiError ? error.message : `出错：${error && error.message ? error.message : error}`}`);
    };
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

  /** Downloads url (GET, or POST with a JSON body) with the API key and hands the browser the bytes as a file. */
  async function download(url, fallbackName, body) {
    const init = { headers: headers('*/*, application/problem+json;q=0.9', body ? { 'Content-Type': 'application/json' } : {}) };
    if (body) {
      init.method = 'POST';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new ApiError(`无法连接服务（${error && error.message ? error.message : error}）。`);
    }
    if (!response.ok) throw new ApiError(await describeFailure(response));
    const blob = URL.createObjectURL(await response.blob());
    const save = h('a', { href: blob, download: fileName(response.headers.get('content-disposition'), fallbackName) });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(blob), 60_000);
  }

  // --- The place and industry lists, loaded once and shared by every tab that asks for them ---------------------------
  let listsPromise = null;

  function loadLists(force) {
    if (!listsPromise || force) {
      listsPromise = Promise.allSettled([getJson('/api/places'), getJson('/api/taxonomies/city'), getJson('/api/taxonomies/sei')])
        .then(([places, city, sei]) => {
          const failures = [...new Set([places, city, sei].filter((r) => r.status === 'rejected').map((r) => r.reason.message))];
          if (failures.length === 0) keyForm.hidden = true; // the lists loaded: no key needed, or the key given is valid
          return { places: places.value, city: city.value, sei: sei.value, failures };
        });
    }
    return listsPromise;
  }

  function option(value, label) {
    return h('option', { value }, label);
  }

  function group(label, options) {
    return h('optgroup', { label }, options);
  }

  function fillPlaces(select, catalogue, emptyLabel) {
    const places = (catalogue && catalogue.places) || [];
    const known = new Set(LEVELS.map(([level]) => level));
    const groups = LEVELS.map(([level, label]) => [label, places.filter((p) => p.level === level)]);
    groups.push(['其他', places.filter((p) => !known.has(p.level))]);
    select.replaceChildren(
      ...(emptyLabel ? [option('', emptyLabel)] : []),
      ...groups.filter(([, list]) => list.length > 0).map(([label, list]) => group(label, list.map((p) => option(p.id, p.name)))));
  }

  function fillIndustries(select, city, sei, emptyLabel) {
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
    select.replaceChildren(...(emptyLabel ? [option('', emptyLabel)] : []), ...groups);
  }

  /** Selects value in select, adding it (marked as coming from a link) when the list does not have it. */
  function choose(select, value) {
    if (!value) return;
    if (![...select.options].some((o) => o.value === value)) select.append(option(value, `${value}（链接中的值）`));
    select.value = value;
  }

  // --- Tabs ------------------------------------------------------------------------------------------------------------
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const tabListeners = new Map();

  /** Shows a tab (by its panel id without "tab-": import, search, analysis, match, report). */
  function showTab(name, focus) {
    const tab = tabs.find((t) => t.dataset.tab === name) || tabs.find((t) => t.dataset.tab === 'report');
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
    const listener = tabListeners.get(tab.dataset.tab);
    if (listener) listener();
  }

  function tabFromHash() {
    const name = window.location.hash.replace(/^#/, '').split('?')[0];
    return tabs.some((t) => t.dataset.tab === name) ? name : 'report';
  }

  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      const name = tab.dataset.tab;
      if (tabFromHash() !== name) window.history.pushState(null, '', `${window.location.pathname}${name === 'report' ? window.location.search : ''}#${name}`);
      showTab(name, false);
    });
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      tabs[(next + tabs.length) % tabs.length].click();
      tabs[(next + tabs.length) % tabs.length].focus();
    });
  }
  window.addEventListener('hashchange', () => showTab(tabFromHash(), false));

  return {
    $, h, put, table, marked, num, fixed, pct, signedPct, KINDS, STATUSES,
    headers, request, getJson, runJob, download, fileName, describeFailure, describeProblem, ApiError, askForKey, status, failure,
    get apiKey() { return apiKey; },
    onKey: (listener) => keyListeners.push(listener),
    loadLists, fillPlaces, fillIndustries, choose, option,
    /** Calls listener every time the tab is shown (the first time included). */
    onTab: (name, listener) => tabListeners.set(name, listener),
    showTab, tabFromHash,
  };
})();
