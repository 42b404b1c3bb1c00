// The 分析 tab: positioning, chokepoints with editable weights and their evidence, clusters with the landscape map, trends,
// applicants, high-value patents with the per-10,000 indicator, and the plan's targets with their progress. Each view
// shows the service's figures as they come and ends with the notes and the SQL statements that produced them.
'use strict';

(() => {
  const PN = window.PatentNav;
  const { $, h, num, fixed, pct, signedPct } = PN;
  const form = $('analysis-form');
  const view = $('analysis-view');
  const weights = $('analysis-weights');
  const submit = $('analysis-submit');
  const cancelButton = $('analysis-cancel');
  const progress = $('analysis-progress');
  const bar = $('analysis-progress-bar');
  const barLabel = $('analysis-progress-label');
  const setStatus = PN.status($('analysis-status'));
  const SVG = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#1f6feb', '#d4572a', '#2e8b57', '#8a4fbf', '#c29100', '#00838f', '#b03060', '#5d6d7e', '#6b8e23', '#a0522d'];
  const LABELS = {
    positioning: '区域定位', chokepoints: '卡脖子技术', clusters: '技术聚类与专利地图', trends: '趋势', applicants: '申请人排名',
    highValue: '高价值专利', targets: '规划目标',
  };
  const COMPONENTS = { value: '价值', gap: '差距', monopoly: '垄断', difficulty: '难度' };
  const TYPES = { enterprise: '企业', university: '高校', researchInstitute: '科研院所', individual: '个人', other: '其他' };

  let running = null;
  let listsLoaded = false;

  const kind = () => form.elements.kind.value;
  const place = () => form.elements.place.value;
  const industry = () => form.elements.industry.value;

  function dates(into) {
    for (const name of ['from', 'to', 'cutoff']) {
      const v = form.elements[name].value;
      if (v) into[name] = v;
    }
    return into;
  }

  /** The field as search filters (trends, applicants, clusters, high-value list): the industry, within the dates. */
  function fieldQuery() {
    const q = new URLSearchParams();
    if (industry()) q.set('industry', industry());
    for (const name of ['from', 'to']) if (form.elements[name].value) q.set(name, form.elements[name].value);
    return q;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  }

  /** Bars of counts per year, incomplete years lighter (filings not yet published). */
  function yearChart(years, title) {
    const width = 720; const height = 220; const left = 44; const bottom = 28; const top = 16;
    const max = Math.max(1, ...years.map((y) => y.count));
    const step = (width - left - 8) / Math.max(1, years.length);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-label': title });
    chart.append(svg('title', {}, title));
    for (let i = 0; i <= 4; i += 1) {
      const y = top + (height - top - bottom) * (1 - i / 4);
      chart.append(svg('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }),
        svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, num(Math.round((max * i) / 4))));
    }
    years.forEach((y, i) => {
      const barHeight = ((height - top - bottom) * y.count) / max;
      const x = left + i * step + 2;
      chart.append(svg('rect', { x, y: height - bottom - barHeight, width: Math.max(1, step - 4), height: barHeight, class: y.complete === false ? 'bar incomplete' : 'bar' },
        svg('title', {}, `${y.year}：${num(y.count)} 件${y.complete === false ? '（不完整年份）' : ''}`)));
      if (years.length <= 20 || i % 2 === 0) chart.append(svg('text', { x: x + step / 2 - 2, y: height - 10, 'text-anchor': 'middle', class: 'axis' }, String(y.year)));
    });
    return chart;
  }

  /** The landscape map: each patent a dot coloured by its cluster, each cluster's label at its centre. */
  function clusterMap(result) {
    const size = 560; const pad = 24;
    const points = (result.map && result.map.patents) || [];
    const all = [...points, ...result.clusters];
    const xs = all.map((p) => p.x); const ys = all.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (x) => pad + ((x - minX) / (maxX - minX || 1)) * (size - 2 * pad);
    const sy = (y) => size - pad - ((y - minY) / (maxY - minY || 1)) * (size - 2 * pad);
    const colour = (id) => COLOURS[(id - 1) % COLOURS.length];
    const chart = svg('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', class: 'chart map', 'aria-label': '专利地图：每点一件专利，颜色为所属聚类' });
    chart.append(svg('title', {}, '专利地图'));
    for (const p of points) chart.append(svg('circle', { cx: sx(p.x), cy: sy(p.y), r: 2.2, fill: colour(p.cluster), 'fill-opacity': 0.55 }));
    for (const c of result.clusters) {
      chart.append(svg('circle', { cx: sx(c.x), cy: sy(c.y), r: 5 + 18 * Math.sqrt(c.share || 0), fill: 'none', stroke: colour(c.id), 'stroke-width': 2 }),
        svg('text', { x: sx(c.x), y: sy(c.y) - 8, 'text-anchor': 'middle', class: 'map-label' }, `${c.id} ${c.label}`));
    }
    return chart;
  }

  /** The notes and the SQL statements (with parameters) that produced the figures, for reproducing them. */
  function method(result) {
    const notes = (result && result.notes) || [];
    const statements = (result && result.statements) || [];
    return h('div', { className: 'method' },
      notes.length ? h('details', {}, h('summary', {}, `说明（${notes.length}）`), h('ul', {}, notes.map((n) => h('li', {}, n)))) : null,
      statements.length ? h('details', {}, h('summary', {}, `计算所用的 SQL（${statements.length} 条，可在 DuckDB 中复现）`),
        statements.map((s) => h('div', { className: 'statement' }, h('p', {}, s.purpose || ''), h('pre', {}, s.sql),
          s.parameters ? h('pre', { className: 'parameters' }, JSON.stringify(s.parameters, null, 2)) : null))) : null,
      result && result.synthetic ? h('p', { className: 'notice' }, '结果含合成示例数据（申请人、地区、日期为虚构），仅供演示。') : null);
  }

  const figure = (label, value, note) => h('div', { className: 'figure' }, h('dt', {}, label), h('dd', {}, value, note ? h('small', {}, note) : null));

  function applicantTable(rows, caption) {
    return PN.table([
      ['#', (a) => a.rank, 'num'], ['申请人', (a) => a.name], ['类型', (a) => TYPES[a.type] || a.type], ['国内/国外', (a) => (a.origin === 'foreign' ? '国外' : a.origin === 'domestic' ? '国内' : '—')],
      ['专利', (a) => num(a.patents), 'num'], ['份额', (a) => pct(a.share), 'num'], ['有效发明', (a) => num(a.validInventions), 'num'],
      ['年份', (a) => `${a.firstFilingYear || '—'}–${a.lastFilingYear || '—'}`],
    ], rows, caption);
  }

  /** An IPC unit with its distinctive terms beside it and WIPO's title under it. */
  const unit = (code, title, terms) => {
    const head = terms && terms.length ? [code, ' ', h('b', { className: 'unit-terms' }, terms.join('、'))] : [code];
    return title || head.length > 1 ? h('span', {}, ...head, ...(title ? [h('br'), h('small', { className: 'ipc-title' }, title)] : [])) : code;
  };

  function technologyTable(rows, caption) {
    return PN.table([['技术单元', (t) => unit(t.code, t.title, t.terms)], ['本地', (t) => num(t.place && t.place.count), 'num'],
      ['对标', (t) => num(t.benchmark), 'num'], ['RTA', (t) => fixed(t.rta), 'num'], ['95 % 区间', (t) => `${fixed(t.rtaLower)}–${fixed(t.rtaUpper)}`, 'num']], rows, caption);
  }

  function renderPositioning(r) {
    const g = r.growth || {};
    PN.put(view, 
      h('h3', {}, `区域定位：${r.place.name} · ${r.field}`),
      h('p', {}, `对标：${r.benchmark}；截止 ${r.conventions && r.conventions.cutoff}`),
      h('dl', { className: 'figures' },
        figure('本地该产业专利', num(r.placeInField.count), `95 % 区间 ${fixed(r.placeInField.lower, 0)}–${fixed(r.placeInField.upper, 0)}`),
        figure('占对标产业份额', pct(r.shareOfField, 2)),
        figure('显示性技术优势 RTA', fixed(r.rta), `95 % 区间 ${fixed(r.rtaLower)}–${fixed(r.rtaUpper)}${r.tooFew ? '；样本过少' : ''}`),
        figure('同级排名', r.rank ? `${r.rank.rankByPatents} / ${r.rank.peers}` : '—', r.rank ? `按 RTA 第 ${r.rank.rankByRta}` : null),
        figure('相对增长', g.relative !== undefined ? signedPct(g.relative) : '—', g.verdict || null)),
      g.rule ? h('p', { className: 'rule' }, g.rule) : null,
      g.place && g.place.years ? yearChart(g.place.years, '本地该产业逐年申请量') : null,
      r.applicants && r.applicants.applicants ? applicantTable(r.applicants.applicants, '本地主要申请人') : null,
      r.inventors && r.inventors.length ? PN.table([['发明人', (i) => i.name], ['专利', (i) => num(i.patents), 'num'], ['所属申请人', (i) => i.applicant || '—'], ['年份', (i) => `${i.firstYear}–${i.lastYear}`]], r.inventors, '主要发明人') : null,
      r.strongest && r.strongest.length ? technologyTable(r.strongest, '优势技术（RTA 最高）') : null,
      r.weakest && r.weakest.length ? technologyTable(r.weakest, '薄弱技术（RTA 最低）') : null,
      method(r));
  }

  function renderChokepoints(r) {
    const w = r.weights || {};
    PN.put(view, 
      h('h3', {}, `卡脖子技术清单：${r.place && r.place.name ? r.place.name : place()} · ${r.field}`),
      h('p', {}, `该产业 ${num(r.patents)} 件专利，${num(r.units)} 个技术单元，${num(r.scored)} 个达到最小支持数 ${num(r.minSupport)} 而参与评分。权重：${Object.entries(COMPONENTS).map(([k, label]) => `${label} ${fixed(w[k])}`).join('，')}。`),
      (r.missingIndicators || []).length ? h('p', { className: 'notice' }, `数据缺少的字段：${r.missingIndicators.join('、')}`) : null,
      PN.table([
        ['#', (e) => e.rank, 'num'], ['技术单元', (e) => unit(e.unit, e.title, e.terms)], ['得分', (e) => fixed(e.score, 3), 'num'],
        ...Object.entries(COMPONENTS).map(([k, label]) => [label, (e) => { const c = (e.components || []).find((x) => x.name === k); return c && c.score !== undefined && c.score !== null ? fixed(c.score, 2) : '缺'; }, 'num']),
        ['专利', (e) => num(e.evidence && e.evidence.patents), 'num'], ['国外份额', (e) => pct(e.evidence && e.evidence.foreignShare), 'num'],
        ['CR4', (e) => pct(e.evidence && e.evidence.cr4), 'num'], ['领先国家', (e) => (e.evidence && e.evidence.leaderCountry) || '—'],
      ], r.entries || [], '排名（得分 = Σ 权重 × 分项）', 'chokepoint-ranking'),
      h('h4', {}, '证据与合作对象'),
      (r.entries || []).map((e) => h('details', { className: 'evidence' },
        h('summary', {}, `${e.rank}. ${e.unit}${e.terms && e.terms.length ? ` ${e.terms.join('、')}` : ''}${e.title ? ` ${e.title}` : ''}（得分 ${fixed(e.score, 3)}）`),
        PN.table([['分项', (c) => COMPONENTS[c.name] || c.name], ['指标', (c) => (c.indicators || []).map((i) => `${i.name} ${i.missing ? `缺（${i.missing}）` : `${fixed(i.raw, 4)} → ${fixed(i.normalised, 3)}`}`).join('；')]], e.components || []),
        e.evidence && e.evidence.topHolders ? PN.table([['主要权利人', (t) => t.name], ['国内/国外', (t) => (t.origin === 'foreign' ? '国外' : '国内')], ['专利', (t) => num(t.patents), 'num'], ['份额', (t) => pct(t.share), 'num']], e.evidence.topHolders) : null,
        e.evidence && e.evidence.years ? yearChart(e.evidence.years, `${e.unit} 逐年申请量`) : null,
        h('p', {}, `本地申请人：${(e.localApplicants || []).map((a) => `${a.name}（${a.patents}）`).join('、') || '无'}；外地高校院所：${(e.institutions || []).map((a) => `${a.name}（${a.patents}）`).join('、') || '无'}`))),
      r.method ? h('details', {}, h('summary', {}, '评分方法'), h('p', {}, r.method)) : null,
      method(r));
  }

  function renderClusters(r) {
    PN.put(view, 
      h('h3', {}, `技术聚类：${industry() || '全部数据'}（k = ${r.k}）`),
      h('p', {}, `${num(r.patents)} 件专利，${num(r.clustered)} 件参与聚类${r.unclustered ? `，${num(r.unclustered)} 件无可用词` : ''}。`),
      h('div', { className: 'map-wrap' }, clusterMap(r)),
      PN.table([
        ['#', (c) => c.id, 'num'], ['标签', (c) => c.label], ['专利', (c) => num(c.size), 'num'], ['份额', (c) => pct(c.share), 'num'],
        ['增长', (c) => (c.growth && c.growth.growth && c.growth.growth.fitted ? signedPct(c.growth.growth.annualGrowth) : '—'), 'num'],
        ['阶段', (c) => (c.growth && c.growth.lifecycle ? c.growth.lifecycle.label : '—')],
        ['主要申请人', (c) => (c.topApplicants || []).slice(0, 3).map((a) => a.name || a).join('、')],
      ], r.clusters, '聚类'),
      method(r));
  }

  function renderTrends(r) {
    const g = r.growth || {};
    PN.put(view, 
      h('h3', {}, `趋势：${industry() || '全部数据'}`),
      h('dl', { className: 'figures' },
        figure('专利', num(r.total)),
        figure('年均增长（泊松）', g.fitted ? signedPct(g.annualGrowth) : '—', g.fitted ? `95 % 区间 ${signedPct(g.lower)}–${signedPct(g.upper)}` : null),
        figure('CAGR', r.cagr ? signedPct(r.cagr.value) : '—', r.cagr ? `${r.cagr.fromYear}–${r.cagr.toYear}` : null),
        figure('生命周期', r.lifecycle ? r.lifecycle.label : '—')),
      r.lifecycle ? h('p', { className: 'rule' }, r.lifecycle.rule) : null,
      yearChart(r.years || [], '逐年申请量'),
      method(r));
  }

  function renderApplicants(r) {
    PN.put(view, 
      h('h3', {}, `申请人排名：${industry() || '全部数据'}`),
      h('p', {}, `${num(r.patents)} 件专利，${num(r.distinctApplicants)} 个申请人；${r.counting || ''}`),
      applicantTable(r.applicants || []),
      method(r));
  }

  function renderHighValue(list, indicator) {
    const CRITERIA = { strategicEmergingIndustry: '战略性新兴产业', overseasFamily: '海外同族', maintainedOverTenYears: '维持十年以上', highPledgeFinancing: '高额质押', award: '获奖' };
    PN.put(view, 
      h('h3', {}, `高价值发明专利：${industry() || '全部数据'}`),
      indicator ? h('dl', { className: 'figures' },
        figure(`${indicator.place} 有效发明专利`, num(indicator.validInventions)),
        figure('其中高价值', num(indicator.highValue), indicator.undetermined ? `另有 ${num(indicator.undetermined)} 件无法完全判断` : null),
        figure('每万人口高价值发明专利', indicator.highValuePerTenThousand !== undefined && indicator.highValuePerTenThousand !== null ? fixed(indicator.highValuePerTenThousand) : '需人口数据'),
        figure('每万人口发明专利', indicator.inventionsPerTenThousand !== undefined && indicator.inventionsPerTenThousand !== null ? fixed(indicator.inventionsPerTenThousand) : '需人口数据')) : null,
      indicator ? PN.table([['标准', (c) => CRITERIA[c.criterion] || c.criterion], ['满足', (c) => num(c.met), 'num'], ['无法判断', (c) => num(c.unknown), 'num']], indicator.byCriterion || [], `${indicator.place} 按标准（${indicator.parameters || ''}）`) : null,
      indicator ? method(indicator) : null,
      h('h4', {}, `该产业的高价值发明专利（${num(list.patents)} 件有效发明中 ${num(list.counts && list.counts.highValue)} 件）`),
      PN.table([
        ['公开号', (p) => h('button', { type: 'button', className: 'link-button', onclick: () => PN.openPatent(p.publicationNumber) }, p.publicationNumber)],
        ['名称', (p) => p.title], ['满足的标准', (p) => (p.criteria || []).filter((c) => c.outcome === 'met').map((c) => CRITERIA[c.criterion] || c.criterion).join('、')],
      ], (list.items || []).slice(0, 50)),
      method(list));
  }

  function renderTargets(r) {
    PN.put(view, 
      h('h3', {}, `规划目标进度：${r.place}（截至 ${r.cutoff}）`),
      PN.table([
        ['目标', (t) => t.target.name], ['目标值', (t) => num(t.target.value), 'num'],
        ['当前', (t) => (t.evaluable ? num(t.current) : '—'), 'num'],
        ['进度', (t) => (t.evaluable && t.progress !== undefined && t.progress !== null
          ? h('span', { className: 'progress-cell' }, h('progress', { max: 1, value: Math.min(1, t.progress) }), ` ${pct(t.progress)}`)
          : h('span', { className: 'notice' }, t.reason || '无法计算'))],
        ['期间', (t) => `${t.target.start} – ${t.target.end}`], ['口径', (t) => t.method], ['来源', (t) => t.target.source],
      ], r.targets || []),
      method(r));
  }

  async function run() {
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    const { signal } = controller;
    const what = LABELS[kind()];
    if (['positioning', 'chokepoints', 'targets'].includes(kind()) && !place()) {
      setStatus('error', '请选择地区或园区（参数 place）。');
      return;
    }
    if (['positioning', 'chokepoints', 'clusters'].includes(kind()) && !industry()) {
      setStatus('error', '请选择产业（参数 industry）。');
      return;
    }
    submit.disabled = true;
    view.setAttribute('aria-busy', 'true');
    setStatus('loading', `正在计算：${what}……`);
    const started = performance.now();
    const onProgress = (p) => {
      progress.hidden = false;
      cancelButton.hidden = false;
      if (p && p.fraction !== undefined && p.fraction !== null) bar.value = p.fraction; else bar.removeAttribute('value');
      barLabel.textContent = p ? `${p.stage}：${num(p.done)}${p.total ? ` / ${num(p.total)}` : ''}` : '排队中';
    };
    try {
      switch (kind()) {
        case 'positioning': {
          const q = new URLSearchParams(dates({ place: place(), industry: industry() }));
          if (form.elements.benchmark.value.trim()) q.set('benchmark', form.elements.benchmark.value.trim());
          renderPositioning(await PN.getJson(`/api/positioning?${q}`, { signal }));
          break;
        }
        case 'chokepoints': {
          const body = dates({ place: place(), industry: industry() });
          body.weights = Object.fromEntries(Object.keys(COMPONENTS).map((k) => [k, Number(weights.querySelector(`[name="${k}"]`).value)]));
          const minSupport = weights.querySelector('[name="minSupport"]').value;
          if (minSupport) body.minSupport = Number(minSupport);
          renderChokepoints(await PN.runJob('/api/chokepoints', body, onProgress, signal));
          break;
        }
        case 'clusters': {
          const body = Object.fromEntries(fieldQuery());
          body.wait = 0;
          renderClusters(await PN.runJob('/api/clusters', body, onProgress, signal));
          break;
        }
        case 'trends': {
          const q = fieldQuery();
          if (form.elements.cutoff.value) q.set('cutoff', form.elements.cutoff.value);
          renderTrends(await PN.getJson(`/api/trends?${q}`, { signal }));
          break;
        }
        case 'applicants': {
          const q = fieldQuery();
          q.set('top', '30');
          renderApplicants(await PN.getJson(`/api/applicants?${q}`, { signal }));
          break;
        }
        case 'highValue': {
          const q = fieldQuery();
          q.set('top', '50');
          const at = form.elements.cutoff.value;
          if (at) q.set('asOf', at);
          const [list, indicator] = await Promise.all([
            PN.getJson(`/api/high-value/patents?${q}`, { signal }),
            place() ? PN.getJson(`/api/high-value/indicator?${new URLSearchParams(at ? { place: place(), at } : { place: place() })}`, { signal }) : null]);
          renderHighValue(list, indicator);
          break;
        }
        case 'targets':
          renderTargets(await PN.getJson(`/api/targets?${new URLSearchParams({ place: place() })}`, { signal }));
          break;
        default:
          break;
      }
      if (running === controller) setStatus('ready', `${what}：已完成（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）。`);
    } catch (error) {
      if (running === controller) {
        view.replaceChildren();
        PN.failure(setStatus, `${what}失败。`)(error);
        if (error && error.name === 'AbortError') setStatus('idle', `已取消：${what}。`);
      }
    } finally {
      if (running === controller) {
        running = null;
        submit.disabled = false;
        cancelButton.hidden = true;
        progress.hidden = true;
        view.removeAttribute('aria-busy');
      }
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target.name === 'kind') weights.hidden = kind() !== 'chokepoints';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  cancelButton.addEventListener('click', () => {
    if (!running) return;
    const controller = running;
    controller.abort();
    running = null;
    submit.disabled = false;
    cancelButton.hidden = true;
    progress.hidden = true;
    view.removeAttribute('aria-busy');
    setStatus('idle', `已取消：${LABELS[kind()]}。`);
  });

  PN.onTab('analysis', async () => {
    if (listsLoaded) return;
    listsLoaded = true;
    const lists = await PN.loadLists(false);
    PN.fillPlaces(form.elements.place, lists.places);
    PN.fillIndustries(form.elements.industry, lists.city, lists.sei);
    // The report tab's defaults, when the lists have them.
    for (const [select, value] of [[form.elements.place, '320771'], [form.elements.industry, 'city:新材料']]) {
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    }
    if (lists.failures.length) setStatus('error', `列表加载失败：${lists.failures.join('；')}`);
  });
  PN.onKey(() => { listsLoaded = false; });
})();
