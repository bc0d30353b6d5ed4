function gt(t) {
  const n = +this._x.call(null, t),
    e = +this._y.call(null, t);
  return tt(this.cover(n, e), n, e, t);
}
function tt(t, n, e, r) {
  if (isNaN(n) || isNaN(e)) return t;
  var i,
    o = t._root,
    u = { data: r },
    g = t._x0,
    c = t._y0,
    a = t._x1,
    v = t._y1,
    w,
    p,
    l,
    m,
    s,
    f,
    h,
    y;
  if (!o) return ((t._root = u), t);
  for (; o.length; )
    if (
      ((s = n >= (w = (g + a) / 2)) ? (g = w) : (a = w),
      (f = e >= (p = (c + v) / 2)) ? (c = p) : (v = p),
      (i = o),
      !(o = o[(h = (f << 1) | s)]))
    )
      return ((i[h] = u), t);
  if (((l = +t._x.call(null, o.data)), (m = +t._y.call(null, o.data)), n === l && e === m))
    return ((u.next = o), i ? (i[h] = u) : (t._root = u), t);
  do
    (i = i ? (i[h] = new Array(4)) : (t._root = new Array(4))),
      (s = n >= (w = (g + a) / 2)) ? (g = w) : (a = w),
      (f = e >= (p = (c + v) / 2)) ? (c = p) : (v = p);
  while ((h = (f << 1) | s) === (y = ((m >= p) << 1) | (l >= w)));
  return ((i[y] = o), (i[h] = u), t);
}
function vt(t) {
  Array.isArray(t) || (t = Array.from(t));
  let n = t.length,
    e = new Float64Array(n),
    r = new Float64Array(n),
    i = 1 / 0,
    o = i,
    u = -i,
    g = u;
  for (let c = 0, a, v, w; c < n; ++c) {
    if (isNaN((v = +this._x.call(null, (a = t[c])))) || isNaN((w = +this._y.call(null, a)))) {
      e[c] = NaN;
      continue;
    }
    (e[c] = v), (r[c] = w), v < i && (i = v), v > u && (u = v), w < o && (o = w), w > g && (g = w);
  }
  if (i > u || o > g) return this;
  this.cover(i, o).cover(u, g);
  for (let c = 0; c < n; ++c) tt(this, e[c], r[c], t[c]);
  return this;
}
function pt(t, n) {
  if (isNaN((t = +t)) || isNaN((n = +n))) return this;
  var e = this._x0,
    r = this._y0,
    i = this._x1,
    o = this._y1;
  if (isNaN(e)) (i = (e = Math.floor(t)) + 1), (o = (r = Math.floor(n)) + 1);
  else {
    for (var u = i - e || 1, g = this._root, c, a; e > t || t >= i || r > n || n >= o; )
      switch (((a = ((n < r) << 1) | (t < e)), (c = new Array(4)), (c[a] = g), (g = c), (u *= 2), a)) {
        case 0:
          (i = e + u), (o = r + u);
          break;
        case 1:
          (e = i - u), (o = r + u);
          break;
        case 2:
          (i = e + u), (r = o - u);
          break;
        case 3:
          (e = i - u), (r = o - u);
          break;
      }
    this._root && this._root.length && (this._root = g);
  }
  return ((this._x0 = e), (this._y0 = r), (this._x1 = i), (this._y1 = o), this);
}
function yt() {
  var t = [];
  return (
    this.visit((n) => {
      if (!n.length)
        do t.push(n.data);
        while ((n = n.next));
    }),
    t
  );
}
function xt(t) {
  return arguments.length
    ? this.cover(+t[0][0], +t[0][1]).cover(+t[1][0], +t[1][1])
    : isNaN(this._x0)
      ? void 0
      : [
          [this._x0, this._y0],
          [this._x1, this._y1],
        ];
}
function k(t, n, e, r, i) {
  (this.node = t), (this.x0 = n), (this.y0 = e), (this.x1 = r), (this.y1 = i);
}
function wt(t, n, e) {
  var r,
    i = this._x0,
    o = this._y0,
    u,
    g,
    c,
    a,
    v = this._x1,
    w = this._y1,
    p = [],
    l = this._root,
    m,
    s;
  for (
    l && p.push(new k(l, i, o, v, w)), e == null ? (e = 1 / 0) : ((i = t - e), (o = n - e), (v = t + e), (w = n + e), (e *= e));
    (m = p.pop());
  )
    if (!(!(l = m.node) || (u = m.x0) > v || (g = m.y0) > w || (c = m.x1) < i || (a = m.y1) < o))
      if (l.length) {
        var f = (u + c) / 2,
          h = (g + a) / 2;
        p.push(new k(l[3], f, h, c, a), new k(l[2], u, h, f, a), new k(l[1], f, g, c, h), new k(l[0], u, g, f, h)),
          (s = ((n >= h) << 1) | (t >= f)) && ((m = p[p.length - 1]), (p[p.length - 1] = p[p.length - 1 - s]), (p[p.length - 1 - s] = m));
      } else {
        var y = t - +this._x.call(null, l.data),
          _ = n - +this._y.call(null, l.data),
          x = y * y + _ * _;
        if (x < e) {
          var d = Math.sqrt((e = x));
          (i = t - d), (o = n - d), (v = t + d), (w = n + d), (r = l.data);
        }
      }
  return r;
}
function mt(t) {
  if (isNaN((v = +this._x.call(null, t))) || isNaN((w = +this._y.call(null, t)))) return this;
  var n,
    e = this._root,
    r,
    i,
    o,
    u = this._x0,
    g = this._y0,
    c = this._x1,
    a = this._y1,
    v,
    w,
    p,
    l,
    m,
    s,
    f,
    h;
  if (!e) return this;
  if (e.length)
    for (;;) {
      if (
        ((m = v >= (p = (u + c) / 2)) ? (u = p) : (c = p),
        (s = w >= (l = (g + a) / 2)) ? (g = l) : (a = l),
        (n = e),
        !(e = e[(f = (s << 1) | m)]))
      )
        return this;
      if (!e.length) break;
      (n[(f + 1) & 3] || n[(f + 2) & 3] || n[(f + 3) & 3]) && ((r = n), (h = f));
    }
  for (; e.data !== t; ) if (((i = e), !(e = e.next))) return this;
  return (
    (o = e.next) && delete e.next,
    i
      ? (o ? (i.next = o) : delete i.next, this)
      : n
        ? (o ? (n[f] = o) : delete n[f],
          (e = n[0] || n[1] || n[2] || n[3]) && e === (n[3] || n[2] || n[1] || n[0]) && !e.length && (r ? (r[h] = e) : (this._root = e)),
          this)
        : ((this._root = o), this)
  );
}
function _t(t) {
  for (var n = 0, e = t.length; n < e; ++n) this.remove(t[n]);
  return this;
}
function dt() {
  return this._root;
}
function Nt() {
  var t = 0;
  return (
    this.visit((n) => {
      if (!n.length)
        do ++t;
        while ((n = n.next));
    }),
    t
  );
}
function At(t) {
  var n = [],
    e,
    r = this._root,
    i,
    o,
    u,
    g,
    c;
  for (r && n.push(new k(r, this._x0, this._y0, this._x1, this._y1)); (e = n.pop()); )
    if (!t((r = e.node), (o = e.x0), (u = e.y0), (g = e.x1), (c = e.y1)) && r.length) {
      var a = (o + g) / 2,
        v = (u + c) / 2;
      (i = r[3]) && n.push(new k(i, a, v, g, c)),
        (i = r[2]) && n.push(new k(i, o, v, a, c)),
        (i = r[1]) && n.push(new k(i, a, u, g, v)),
        (i = r[0]) && n.push(new k(i, o, u, a, v));
    }
  return this;
}
function Mt(t) {
  var n = [],
    e = [],
    r;
  for (this._root && n.push(new k(this._root, this._x0, this._y0, this._x1, this._y1)); (r = n.pop()); ) {
    var i = r.node;
    if (i.length) {
      var o,
        u = r.x0,
        g = r.y0,
        c = r.x1,
        a = r.y1,
        v = (u + c) / 2,
        w = (g + a) / 2;
      (o = i[0]) && n.push(new k(o, u, g, v, w)),
        (o = i[1]) && n.push(new k(o, v, g, c, w)),
        (o = i[2]) && n.push(new k(o, u, w, v, a)),
        (o = i[3]) && n.push(new k(o, v, w, c, a));
    }
    e.push(r);
  }
  for (; (r = e.pop()); ) t(r.node, r.x0, r.y0, r.x1, r.y1);
  return this;
}
function kt(t) {
  return t[0];
}
function zt(t) {
  return arguments.length ? ((this._x = t), this) : this._x;
}
function bt(t) {
  return t[1];
}
function Et(t) {
  return arguments.length ? ((this._y = t), this) : this._y;
}
function K(t, n, e) {
  var r = new Y(n ?? kt, e ?? bt, NaN, NaN, NaN, NaN);
  return t == null ? r : r.addAll(t);
}
function Y(t, n, e, r, i, o) {
  (this._x = t), (this._y = n), (this._x0 = e), (this._y0 = r), (this._x1 = i), (this._y1 = o), (this._root = void 0);
}
function q(t) {
  for (var n = { data: t.data }, e = n; (t = t.next); ) e = e.next = { data: t.data };
  return n;
}
var z = (K.prototype = Y.prototype);
z.copy = function () {
  var t = new Y(this._x, this._y, this._x0, this._y0, this._x1, this._y1),
    n = this._root,
    e,
    r;
  if (!n) return t;
  if (!n.length) return ((t._root = q(n)), t);
  for (e = [{ source: n, target: (t._root = new Array(4)) }]; (n = e.pop()); )
    for (var i = 0; i < 4; ++i)
      (r = n.source[i]) && (r.length ? e.push({ source: r, target: (n.target[i] = new Array(4)) }) : (n.target[i] = q(r)));
  return t;
};
z.add = gt;
z.addAll = vt;
z.cover = pt;
z.data = yt;
z.extent = xt;
z.find = wt;
z.remove = mt;
z.removeAll = _t;
z.root = dt;
z.size = Nt;
z.visit = At;
z.visitAfter = Mt;
z.x = zt;
z.y = Et;
var Tt = { value: () => {} };
function W() {
  for (var t = 0, n = arguments.length, e = {}, r; t < n; ++t) {
    if (!(r = arguments[t] + "") || r in e || /[\s.]/.test(r)) throw new Error("illegal type: " + r);
    e[r] = [];
  }
  return new R(e);
}
function R(t) {
  this._ = t;
}
function jt(t, n) {
  return t
    .trim()
    .split(/^|\s+/)
    .map((e) => {
      var r = "",
        i = e.indexOf(".");
      if ((i >= 0 && ((r = e.slice(i + 1)), (e = e.slice(0, i))), e && !Object.hasOwn(n, e))) throw new Error("unknown type: " + e);
      return { type: e, name: r };
    });
}
R.prototype = W.prototype = {
  constructor: R,
  on: function (t, n) {
    var e = this._,
      r = jt(t + "", e),
      i,
      o = -1,
      u = r.length;
    if (arguments.length < 2) {
      for (; ++o < u; ) if ((i = (t = r[o]).type) && (i = Gt(e[i], t.name))) return i;
      return;
    }
    if (n != null && typeof n != "function") throw new Error("invalid callback: " + n);
    for (; ++o < u; )
      if ((i = (t = r[o]).type)) e[i] = nt(e[i], t.name, n);
      else if (n == null) for (i in e) e[i] = nt(e[i], t.name, null);
    return this;
  },
  copy: function () {
    var t = {},
      n = this._;
    for (var e in n) t[e] = n[e].slice();
    return new R(t);
  },
  call: function (t, n) {
    if ((i = arguments.length - 2) > 0) for (var e = new Array(i), r = 0, i, o; r < i; ++r) e[r] = arguments[r + 2];
    if (!Object.hasOwn(this._, t)) throw new Error("unknown type: " + t);
    for (o = this._[t], r = 0, i = o.length; r < i; ++r) o[r].value.apply(n, e);
  },
  apply: function (t, n, e) {
    if (!Object.hasOwn(this._, t)) throw new Error("unknown type: " + t);
    for (var r = this._[t], i = 0, o = r.length; i < o; ++i) r[i].value.apply(n, e);
  },
};
function Gt(t, n) {
  for (var e = 0, r = t.length, i; e < r; ++e) if ((i = t[e]).name === n) return i.value;
}
function nt(t, n, e) {
  for (var r = 0, i = t.length; r < i; ++r)
    if (t[r].name === n) {
      (t[r] = Tt), (t = t.slice(0, r).concat(t.slice(r + 1)));
      break;
    }
  return (e != null && t.push({ name: n, value: e }), t);
}
var L = 0,
  F = 0,
  C = 0,
  rt = 1e3,
  V,
  H,
  Q = 0,
  I = 0,
  X = 0,
  B = typeof performance == "object" && performance.now ? performance : Date,
  it =
    typeof window == "object" && window.requestAnimationFrame
      ? window.requestAnimationFrame.bind(window)
      : (t) => {
          setTimeout(t, 17);
        };
function ot() {
  return I || (it(St), (I = B.now() + X));
}
function St() {
  I = 0;
}
function J() {
  this._call = this._time = this._next = null;
}
J.prototype = Z.prototype = {
  constructor: J,
  restart: function (t, n, e) {
    if (typeof t != "function") throw new TypeError("callback is not a function");
    (e = (e == null ? ot() : +e) + (n == null ? 0 : +n)),
      !this._next && H !== this && (H ? (H._next = this) : (V = this), (H = this)),
      (this._call = t),
      (this._time = e),
      U();
  },
  stop: function () {
    this._call && ((this._call = null), (this._time = 1 / 0), U());
  },
};
function Z(t, n, e) {
  var r = new J();
  return (r.restart(t, n, e), r);
}
function It() {
  ot(), ++L;
  for (var t = V, n; t; ) (n = I - t._time) >= 0 && t._call.call(void 0, n), (t = t._next);
  --L;
}
function et() {
  (I = (Q = B.now()) + X), (L = F = 0);
  try {
    It();
  } finally {
    (L = 0), Lt(), (I = 0);
  }
}
function Dt() {
  var t = B.now(),
    n = t - Q;
  n > rt && ((X -= n), (Q = t));
}
function Lt() {
  for (var t, n = V, e, r = 1 / 0; n; )
    n._call ? (r > n._time && (r = n._time), (t = n), (n = n._next)) : ((e = n._next), (n._next = null), (n = t ? (t._next = e) : (V = e)));
  (H = t), U(r);
}
function U(t) {
  if (!L) {
    F && (F = clearTimeout(F));
    var n = t - I;
    n > 24
      ? (t < 1 / 0 && (F = setTimeout(et, Math.ceil(t - B.now() - X) + 1)), C && (C = clearInterval(C)))
      : (C || ((Q = B.now()), (C = setInterval(Dt, rt))), (L = 1), it(et));
  }
}
function ut(t, n) {
  var e,
    r = 1;
  t == null && (t = 0), n == null && (n = 0);
  function i() {
    var o,
      u = e.length,
      g,
      c = 0,
      a = 0;
    for (o = 0; o < u; ++o) (g = e[o]), (c += g.x), (a += g.y);
    for (c = (c / u - t) * r, a = (a / u - n) * r, o = 0; o < u; ++o) (g = e[o]), (g.x -= c), (g.y -= a);
  }
  return (
    (i.initialize = (o) => {
      e = o;
    }),
    (i.x = function (o) {
      return arguments.length ? ((t = +o), i) : t;
    }),
    (i.y = function (o) {
      return arguments.length ? ((n = +o), i) : n;
    }),
    (i.strength = function (o) {
      return arguments.length ? ((r = +o), i) : r;
    }),
    i
  );
}
function D(t) {
  return () => t;
}
function S(t) {
  return (t() - 0.5) * 1e-6;
}
function $t(t) {
  return t.x + t.vx;
}
function Ct(t) {
  return t.y + t.vy;
}
function st(t) {
  var n,
    e,
    r,
    i = 1,
    o = 1;
  typeof t != "function" && (t = D(t == null ? 1 : +t));
  function u() {
    for (var a, v = n.length, w, p, l, m, s, f, h = 0; h < o; ++h)
      for (w = K(n, $t, Ct).visitAfter(g), a = 0; a < v; ++a)
        (p = n[a]), (s = e[p.index]), (f = s * s), (l = p.x + p.vx), (m = p.y + p.vy), w.visit(y);
    function y(_, x, d, M, b) {
      var N = _.data,
        E = _.r,
        A = s + E;
      if (N) {
        if (N.index > p.index) {
          var j = l - N.x - N.vx,
            G = m - N.y - N.vy,
            T = j * j + G * G;
          T < A * A &&
            (j === 0 && ((j = S(r)), (T += j * j)),
            G === 0 && ((G = S(r)), (T += G * G)),
            (T = ((A - (T = Math.sqrt(T))) / T) * i),
            (p.vx += (j *= T) * (A = (E *= E) / (f + E))),
            (p.vy += (G *= T) * A),
            (N.vx -= j * (A = 1 - A)),
            (N.vy -= G * A));
        }
        return;
      }
      return x > l + A || M < l - A || d > m + A || b < m - A;
    }
  }
  function g(a) {
    if (a.data) return (a.r = e[a.data.index]);
    for (var v = (a.r = 0); v < 4; ++v) a[v] && a[v].r > a.r && (a.r = a[v].r);
  }
  function c() {
    if (n) {
      var a,
        v = n.length,
        w;
      for (e = new Array(v), a = 0; a < v; ++a) (w = n[a]), (e[w.index] = +t(w, a, n));
    }
  }
  return (
    (u.initialize = (a, v) => {
      (n = a), (r = v), c();
    }),
    (u.iterations = function (a) {
      return arguments.length ? ((o = +a), u) : o;
    }),
    (u.strength = function (a) {
      return arguments.length ? ((i = +a), u) : i;
    }),
    (u.radius = function (a) {
      return arguments.length ? ((t = typeof a == "function" ? a : D(+a)), c(), u) : t;
    }),
    u
  );
}
function Ft(t) {
  return t.index;
}
function at(t, n) {
  var e = t.get(n);
  if (!e) throw new Error("node not found: " + n);
  return e;
}
function lt(t) {
  var n = Ft,
    e = w,
    r,
    i = D(30),
    o,
    u,
    g,
    c,
    a,
    v = 1;
  t == null && (t = []);
  function w(f) {
    return 1 / Math.min(g[f.source.index], g[f.target.index]);
  }
  function p(f) {
    for (var h = 0, y = t.length; h < v; ++h)
      for (var _ = 0, x, d, M, b, N, E, A; _ < y; ++_)
        (x = t[_]),
          (d = x.source),
          (M = x.target),
          (b = M.x + M.vx - d.x - d.vx || S(a)),
          (N = M.y + M.vy - d.y - d.vy || S(a)),
          (E = Math.sqrt(b * b + N * N)),
          (E = ((E - o[_]) / E) * f * r[_]),
          (b *= E),
          (N *= E),
          (M.vx -= b * (A = c[_])),
          (M.vy -= N * A),
          (d.vx += b * (A = 1 - A)),
          (d.vy += N * A);
  }
  function l() {
    if (u) {
      var f,
        h = u.length,
        y = t.length,
        _ = new Map(u.map((d, M) => [n(d, M, u), d])),
        x;
      for (f = 0, g = new Array(h); f < y; ++f)
        (x = t[f]),
          (x.index = f),
          typeof x.source != "object" && (x.source = at(_, x.source)),
          typeof x.target != "object" && (x.target = at(_, x.target)),
          (g[x.source.index] = (g[x.source.index] || 0) + 1),
          (g[x.target.index] = (g[x.target.index] || 0) + 1);
      for (f = 0, c = new Array(y); f < y; ++f) (x = t[f]), (c[f] = g[x.source.index] / (g[x.source.index] + g[x.target.index]));
      (r = new Array(y)), m(), (o = new Array(y)), s();
    }
  }
  function m() {
    if (u) for (var f = 0, h = t.length; f < h; ++f) r[f] = +e(t[f], f, t);
  }
  function s() {
    if (u) for (var f = 0, h = t.length; f < h; ++f) o[f] = +i(t[f], f, t);
  }
  return (
    (p.initialize = (f, h) => {
      (u = f), (a = h), l();
    }),
    (p.links = function (f) {
      return arguments.length ? ((t = f), l(), p) : t;
    }),
    (p.id = function (f) {
      return arguments.length ? ((n = f), p) : n;
    }),
    (p.iterations = function (f) {
      return arguments.length ? ((v = +f), p) : v;
    }),
    (p.strength = function (f) {
      return arguments.length ? ((e = typeof f == "function" ? f : D(+f)), m(), p) : e;
    }),
    (p.distance = function (f) {
      return arguments.length ? ((i = typeof f == "function" ? f : D(+f)), s(), p) : i;
    }),
    p
  );
}
var Ht = 1664525,
  Bt = 1013904223,
  ft = 4294967296;
function Ot() {
  let t = 1;
  return () => (t = (Ht * t + Bt) % ft) / ft;
}
function Pt(t) {
  return t.x;
}
function Kt(t) {
  return t.y;
}
var Rt = 10,
  Vt = Math.PI * (3 - Math.sqrt(5));
function ct(t) {
  var n,
    e = 1,
    r = 0.001,
    i = 1 - r ** (1 / 300),
    o = 0,
    u = 0.6,
    g = new Map(),
    c = Z(w),
    a = W("tick", "end"),
    v = Ot();
  t == null && (t = []);
  function w() {
    p(), a.call("tick", n), e < r && (c.stop(), a.call("end", n));
  }
  function p(s) {
    var f,
      h = t.length,
      y;
    s === void 0 && (s = 1);
    for (var _ = 0; _ < s; ++_)
      for (
        e += (o - e) * i,
          g.forEach((x) => {
            x(e);
          }),
          f = 0;
        f < h;
        ++f
      )
        (y = t[f]),
          y.fx == null ? (y.x += y.vx *= u) : ((y.x = y.fx), (y.vx = 0)),
          y.fy == null ? (y.y += y.vy *= u) : ((y.y = y.fy), (y.vy = 0));
    return n;
  }
  function l() {
    for (var s = 0, f = t.length, h; s < f; ++s) {
      if (((h = t[s]), (h.index = s), h.fx != null && (h.x = h.fx), h.fy != null && (h.y = h.fy), isNaN(h.x) || isNaN(h.y))) {
        var y = Rt * Math.sqrt(0.5 + s),
          _ = s * Vt;
        (h.x = y * Math.cos(_)), (h.y = y * Math.sin(_));
      }
      (isNaN(h.vx) || isNaN(h.vy)) && (h.vx = h.vy = 0);
    }
  }
  function m(s) {
    return (s.initialize && s.initialize(t, v), s);
  }
  return (
    l(),
    (n = {
      tick: p,
      restart: () => (c.restart(w), n),
      stop: () => (c.stop(), n),
      nodes: function (s) {
        return arguments.length ? ((t = s), l(), g.forEach(m), n) : t;
      },
      alpha: function (s) {
        return arguments.length ? ((e = +s), n) : e;
      },
      alphaMin: function (s) {
        return arguments.length ? ((r = +s), n) : r;
      },
      alphaDecay: function (s) {
        return arguments.length ? ((i = +s), n) : +i;
      },
      alphaTarget: function (s) {
        return arguments.length ? ((o = +s), n) : o;
      },
      velocityDecay: function (s) {
        return arguments.length ? ((u = 1 - s), n) : 1 - u;
      },
      randomSource: function (s) {
        return arguments.length ? ((v = s), g.forEach(m), n) : v;
      },
      force: function (s, f) {
        return arguments.length > 1 ? (f == null ? g.delete(s) : g.set(s, m(f)), n) : g.get(s);
      },
      find: (s, f, h) => {
        var y = 0,
          _ = t.length,
          x,
          d,
          M,
          b,
          N;
        for (h == null ? (h = 1 / 0) : (h *= h), y = 0; y < _; ++y)
          (b = t[y]), (x = s - b.x), (d = f - b.y), (M = x * x + d * d), M < h && ((N = b), (h = M));
        return N;
      },
      on: function (s, f) {
        return arguments.length > 1 ? (a.on(s, f), n) : a.on(s);
      },
    })
  );
}
function ht() {
  var t,
    n,
    e,
    r,
    i = D(-30),
    o,
    u = 1,
    g = 1 / 0,
    c = 0.81;
  function a(l) {
    var m,
      s = t.length,
      f = K(t, Pt, Kt).visitAfter(w);
    for (r = l, m = 0; m < s; ++m) (n = t[m]), f.visit(p);
  }
  function v() {
    if (t) {
      var l,
        m = t.length,
        s;
      for (o = new Array(m), l = 0; l < m; ++l) (s = t[l]), (o[s.index] = +i(s, l, t));
    }
  }
  function w(l) {
    var m = 0,
      s,
      f,
      h = 0,
      y,
      _,
      x;
    if (l.length) {
      for (y = _ = x = 0; x < 4; ++x) (s = l[x]) && (f = Math.abs(s.value)) && ((m += s.value), (h += f), (y += f * s.x), (_ += f * s.y));
      (l.x = y / h), (l.y = _ / h);
    } else {
      (s = l), (s.x = s.data.x), (s.y = s.data.y);
      do m += o[s.data.index];
      while ((s = s.next));
    }
    l.value = m;
  }
  function p(l, m, s, f) {
    if (!l.value) return !0;
    var h = l.x - n.x,
      y = l.y - n.y,
      _ = f - m,
      x = h * h + y * y;
    if ((_ * _) / c < x)
      return (
        x < g &&
          (h === 0 && ((h = S(e)), (x += h * h)),
          y === 0 && ((y = S(e)), (x += y * y)),
          x < u && (x = Math.sqrt(u * x)),
          (n.vx += (h * l.value * r) / x),
          (n.vy += (y * l.value * r) / x)),
        !0
      );
    if (l.length || x >= g) return;
    (l.data !== n || l.next) &&
      (h === 0 && ((h = S(e)), (x += h * h)), y === 0 && ((y = S(e)), (x += y * y)), x < u && (x = Math.sqrt(u * x)));
    do l.data !== n && ((_ = (o[l.data.index] * r) / x), (n.vx += h * _), (n.vy += y * _));
    while ((l = l.next));
  }
  return (
    (a.initialize = (l, m) => {
      (t = l), (e = m), v();
    }),
    (a.strength = function (l) {
      return arguments.length ? ((i = typeof l == "function" ? l : D(+l)), v(), a) : i;
    }),
    (a.distanceMin = function (l) {
      return arguments.length ? ((u = l * l), a) : Math.sqrt(u);
    }),
    (a.distanceMax = function (l) {
      return arguments.length ? ((g = l * l), a) : Math.sqrt(g);
    }),
    (a.theta = function (l) {
      return arguments.length ? ((c = l * l), a) : Math.sqrt(c);
    }),
    a
  );
}
var Qt = "http://www.w3.org/2000/svg",
  O = 900,
  P = 600;
function $(t, n) {
  const e = document.createElementNS(Qt, t);
  for (const [r, i] of Object.entries(n)) e.setAttribute(r, String(i));
  return e;
}
async function Xt(t) {
  const n = t.dataset.src;
  if (!n) return;
  const e = await fetch(n, { headers: { accept: "application/json" } });
  if (!e.ok) return;
  const r = await e.json();
  if (r.nodes.length === 0) return;
  const i = ct(r.nodes)
    .force(
      "link",
      lt(r.links)
        .id((c) => c.id)
        .distance(40),
    )
    .force("charge", ht().strength(-60))
    .force("center", ut(O / 2, P / 2))
    .force("collide", st(12))
    .stop();
  for (let c = 0; c < 300; c++) i.tick();
  const o = $("svg", { viewBox: `0 0 ${O} ${P}`, class: "network-svg", role: "img", "aria-labelledby": "network-picture-title" }),
    u = $("title", { id: "network-picture-title" });
  (u.textContent = t.dataset.title ?? ""), o.append(u);
  const g = (c, a) => Math.max(10, Math.min(a - 10, c ?? 0));
  for (const c of r.links) {
    const a = c.source,
      v = c.target;
    o.append(
      $("line", {
        x1: g(a.x, O),
        y1: g(a.y, P),
        x2: g(v.x, O),
        y2: g(v.y, P),
        class: c.role === "lead" ? "network-link network-link--lead" : "network-link",
      }),
    );
  }
  for (const c of r.nodes) {
    const a = g(c.x, O),
      v = g(c.y, P),
      w = 4 + Math.min(8, c.degree * 1.5),
      p =
        c.kind === "project"
          ? $("rect", { x: a - w, y: v - w, width: 2 * w, height: 2 * w, class: "network-node network-node--project" })
          : $("circle", { cx: a, cy: v, r: w, class: "network-node network-node--organisation" }),
      l = $("title", {});
    (l.textContent = c.label), p.append(l), o.append(p);
  }
  t.replaceChildren(o), (t.hidden = !1);
}
for (const t of document.querySelectorAll("[data-network-picture]")) Xt(t).catch(() => {});
