/*
 * Native kernels for Node training (src/cli/nativeKernels.ts), never the browser: OpenBLAS's single-precision matrix
 * product and C versions of the project's fused typed-array kernels (src/gnn/kernels/batchNorm.ts, edgeScore.ts,
 * attendNodes.ts, attentionWeights.ts) plus a column sum. The arrays are views into tfjs's wasm heap; outputs arrive zeroed.
 *
 * Each kernel computes what its TypeScript twin computes, operation for operation: `float` where the TypeScript
 * rounds with Math.fround (or stores into a Float32Array), `double` where it keeps a JavaScript number. Built with
 * -ffp-contract=off so no multiply-add is fused into one rounding. Only exp may differ (libm against V8), and only
 * where a float32 rounding falls on the other side.
 */
#include <cblas.h>
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>

static void *data_of(napi_env env, napi_value value) {
  napi_valuetype kind;
  napi_typeof(env, value, &kind);
  if (kind == napi_null || kind == napi_undefined) return NULL;
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value buffer;
  napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset);
  return data;
}

static int32_t int_of(napi_env env, napi_value value) {
  int32_t out;
  napi_get_value_int32(env, value, &out);
  return out;
}

static double number_of(napi_env env, napi_value value) {
  double out;
  napi_get_value_double(env, value, &out);
  return out;
}

#define ARGS(n)                                                                                                      \
  size_t argc = n;                                                                                                   \
  napi_value argv[n];                                                                                                \
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
#define F32(i) ((float *)data_of(env, argv[i]))
#define I32(i) ((const int32_t *)data_of(env, argv[i]))
#define F64(i) ((double *)data_of(env, argv[i]))

/*
 * sgemm(a, b, c, m, k, n, transposeA, transposeB, bias?, relu): c = op(a) . op(b), row-major; then, as tfjs's fused
 * product does, c += bias (one value per column) and c = max(c, 0) when relu is nonzero.
 */
static napi_value sgemm(napi_env env, napi_callback_info info) {
  ARGS(10);
  int m = int_of(env, argv[3]), k = int_of(env, argv[4]), n = int_of(env, argv[5]);
  int transposeA = int_of(env, argv[6]), transposeB = int_of(env, argv[7]);
  float *c = F32(2);
  const float *bias = argc > 8 ? F32(8) : NULL;
  int relu = argc > 9 ? int_of(env, argv[9]) : 0;
  cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, m, n, k,
              1.0f, F32(0), transposeA ? m : k, F32(1), transposeB ? k : n, 0.0f, c, n);
  if (bias || relu)
    for (int r = 0; r < m; r++) {
      float *row = c + (size_t)r * n;
      if (bias)
        for (int j = 0; j < n; j++) row[j] += bias[j];
      if (relu)
        for (int j = 0; j < n; j++) row[j] = row[j] < 0 ? 0 : row[j];
    }
  return NULL;
}

/* columnSum(x, out, rows, cols): out[c] = sum_r x[r, c], accumulated in double. */
static napi_value column_sum(napi_env env, napi_callback_info info) {
  ARGS(4);
  const float *x = F32(0);
  float *out = F32(1);
  int rows = int_of(env, argv[2]), cols = int_of(env, argv[3]);
  double *acc = calloc(cols, sizeof(double));
  for (int r = 0, i = 0; r < rows; r++)
    for (int c = 0; c < cols; c++, i++) acc[c] += x[i];
  for (int c = 0; c < cols; c++) out[c] = (float)acc[c];
  free(acc);
  return NULL;
}

/*
 * The BatchNorm kernels' passes over the rows (batchNorm.ts's BatchNormPasses; the per-column arithmetic and the sums
 * over the ranks of a data-parallel step stay in TypeScript). Per-column inputs and accumulators are float64 arrays;
 * mu, scale and shift hold float32 values.
 */

/* bnColumnSums(x, acc, R, C): acc[c] += x[r, c] */
static napi_value bn_column_sums(napi_env env, napi_callback_info info) {
  ARGS(4);
  const float *x = F32(0);
  double *acc = F64(1);
  int R = int_of(env, argv[2]), C = int_of(env, argv[3]);
  for (int r = 0, i = 0; r < R; r++)
    for (int c = 0; c < C; c++, i++) acc[c] += x[i];
  return NULL;
}

/* bnCenteredSquareSums(x, mu, acc, R, C): acc[c] += float((x - mu)^2), in float */
static napi_value bn_centered_square_sums(napi_env env, napi_callback_info info) {
  ARGS(5);
  const float *x = F32(0);
  const double *mu64 = F64(1);
  double *acc = F64(2);
  int R = int_of(env, argv[3]), C = int_of(env, argv[4]);
  float *mu = malloc(C * sizeof(float));
  for (int c = 0; c < C; c++) mu[c] = (float)mu64[c];
  for (int r = 0, i = 0; r < R; r++)
    for (int c = 0; c < C; c++, i++) {
      float centered = x[i] - mu[c];
      acc[c] += (float)(centered * centered);
    }
  free(mu);
  return NULL;
}

/* bnNormalize(x, mu, scale, shift, y, R, C): y = (x - mu) * scale + shift, in float */
static napi_value bn_normalize(napi_env env, napi_callback_info info) {
  ARGS(7);
  const float *x = F32(0);
  const double *mu64 = F64(1), *scale64 = F64(2), *shift64 = F64(3);
  float *y = F32(4);
  int R = int_of(env, argv[5]), C = int_of(env, argv[6]);
  float *mu = malloc(3 * C * sizeof(float)), *scale = mu + C, *shift = mu + 2 * C;
  for (int c = 0; c < C; c++) mu[c] = (float)mu64[c], scale[c] = (float)scale64[c], shift[c] = (float)shift64[c];
  for (int r = 0, i = 0; r < R; r++)
    for (int c = 0; c < C; c++, i++) y[i] = (x[i] - mu[c]) * scale[c] + shift[c];
  free(mu);
  return NULL;
}

/* bnGradientSums(dy, x, mu, rstd, sumDy, sumDyXhat, R, C) */
static napi_value bn_gradient_sums(napi_env env, napi_callback_info info) {
  ARGS(8);
  const float *dy = F32(0), *x = F32(1);
  const double *mu = F64(2), *rstd = F64(3);
  double *sum_dy = F64(4), *sum_dy_xhat = F64(5);
  int R = int_of(env, argv[6]), C = int_of(env, argv[7]);
  for (int r = 0, i = 0; r < R; r++)
    for (int c = 0; c < C; c++, i++) {
      double g = dy[i];
      sum_dy[c] += g;
      sum_dy_xhat[c] += g * ((double)x[i] - mu[c]) * rstd[c];
    }
  return NULL;
}

/* bnInputGradient(dy, x, mu, k, slope, sumDy, Rtotal, dx, R, C): dx = k (Rtotal dy - sumDy - (x - mu) slope) */
static napi_value bn_input_gradient(napi_env env, napi_callback_info info) {
  ARGS(10);
  const float *dy = F32(0), *x = F32(1);
  const double *mu = F64(2), *k = F64(3), *slope = F64(4), *sum_dy = F64(5);
  double total = number_of(env, argv[6]);
  float *dx = F32(7);
  int R = int_of(env, argv[8]), C = int_of(env, argv[9]);
  for (int r = 0, i = 0; r < R; r++)
    for (int c = 0; c < C; c++, i++)
      dx[i] = (float)(k[c] * (total * dy[i] - sum_dy[c] - ((double)x[i] - mu[c]) * slope[c]));
  return NULL;
}

/* edgeScore(q, k, p, src, dst, s, E, width, scale): s[e] = k[src[e]] * q[dst[e]] / scale * p[e] */
static napi_value edge_score(napi_env env, napi_callback_info info) {
  ARGS(9);
  const float *q = F32(0), *k = F32(1), *p = F32(2);
  const int32_t *src = I32(3), *dst = I32(4);
  float *s = F32(5);
  int E = int_of(env, argv[6]), W = int_of(env, argv[7]);
  float scale = (float)number_of(env, argv[8]);
  for (int e = 0; e < E; e++) {
    const float *ke = k + (size_t)src[e] * W, *qe = q + (size_t)dst[e] * W, *pe = p + (size_t)e * W;
    float *se = s + (size_t)e * W;
    for (int j = 0; j < W; j++) se[j] = ke[j] * qe[j] / scale * pe[j];
  }
  return NULL;
}

/* edgeScoreGrad(ds, q, k, p, src, dst, dq, dk, dp, E, width, scale) */
static napi_value edge_score_grad(napi_env env, napi_callback_info info) {
  ARGS(12);
  const float *ds = F32(0), *q = F32(1), *k = F32(2), *p = F32(3);
  const int32_t *src = I32(4), *dst = I32(5);
  float *dq = F32(6), *dk = F32(7), *dp = F32(8);
  int E = int_of(env, argv[9]), W = int_of(env, argv[10]);
  float scale = (float)number_of(env, argv[11]);
  for (int e = 0; e < E; e++) {
    size_t ks = (size_t)src[e] * W, qd = (size_t)dst[e] * W, o = (size_t)e * W;
    for (int j = 0; j < W; j++) {
      float g = ds[o + j];
      dp[o + j] = g * (k[ks + j] * q[qd + j] / scale);
      float t = g * p[o + j] / scale;
      dk[ks + j] += t * q[qd + j];
      dq[qd + j] += t * k[ks + j];
    }
  }
  return NULL;
}

/* exp(clamp(sum_t s[e, h, t], -5, 5)) per (e, h), as attendNodes.ts's edgeWeights; logits may be NULL. */
static void edge_weights(const float *s, const float *mask, int E, int H, int d, float *w, float *logits) {
  for (int e = 0; e < E; e++)
    for (int h = 0; h < H; h++) {
      const float *se = s + ((size_t)e * H + h) * d;
      float sum = 0;
      for (int t = 0; t < d; t++) sum = sum + se[t];
      if (logits) logits[e * H + h] = sum;
      float weight = (float)exp((double)(sum < -5 ? -5 : sum > 5 ? 5 : sum));
      w[e * H + h] = mask ? weight * mask[e] : weight;
    }
}

static const float ATTEND_EPS = 1e-6f;

/* attendNodes(score, v, src, dst, mask?, vBias?, out, den, E, H, d) */
static napi_value attend_nodes(napi_env env, napi_callback_info info) {
  ARGS(12);
  const float *score = F32(0), *v = F32(1), *mask = F32(4), *v_bias = F32(5);
  const int32_t *src = I32(2), *dst = I32(3);
  float *out = F32(6), *den = F32(7);
  int E = int_of(env, argv[8]), H = int_of(env, argv[9]), d = int_of(env, argv[10]), N = int_of(env, argv[11]);
  int width = H * d;
  float *w = malloc(sizeof(float) * ((size_t)E * H + 1));
  edge_weights(score, mask, E, H, d, w, NULL);
  for (int e = 0; e < E; e++) {
    const float *ve = v + (size_t)src[e] * width;
    float *oe = out + (size_t)dst[e] * width;
    for (int h = 0; h < H; h++) {
      float weight = w[e * H + h];
      for (int t = 0; t < d; t++) {
        int j = h * d + t;
        float value = v_bias ? ve[j] + v_bias[j] : ve[j];
        oe[j] += weight * value;
      }
    }
  }
  for (int e = 0; e < E; e++)
    for (int h = 0; h < H; h++) den[dst[e] * H + h] += w[e * H + h];
  for (int i = 0; i < N * H; i++) den[i] = den[i] + ATTEND_EPS;
  for (int i = 0; i < N * H; i++)
    for (int t = 0; t < d; t++) out[(size_t)i * d + t] = out[(size_t)i * d + t] / den[i];
  free(w);
  return NULL;
}

/* attendNodesGrad(dy, out, den, score, v, src, dst, mask?, vBias?, dScore, dv, dvBias?, E, H, d, N) */
static napi_value attend_nodes_grad(napi_env env, napi_callback_info info) {
  ARGS(16);
  const float *dy = F32(0), *out = F32(1), *den = F32(2), *score = F32(3), *v = F32(4);
  const int32_t *src = I32(5), *dst = I32(6);
  const float *mask = F32(7), *v_bias = F32(8);
  float *d_score = F32(9), *dv = F32(10), *dv_bias = F32(11);
  int E = int_of(env, argv[12]), H = int_of(env, argv[13]), d = int_of(env, argv[14]), N = int_of(env, argv[15]);
  int width = H * d;
  size_t nodes = (size_t)N * H;
  float *d_num = malloc(sizeof(float) * (nodes * d + 1)), *d_den = malloc(sizeof(float) * (nodes + 1));
  float *w = malloc(sizeof(float) * ((size_t)E * H + 1)), *logits = malloc(sizeof(float) * ((size_t)E * H + 1));
  for (size_t i = 0; i < nodes; i++) {
    double acc = 0;
    for (int t = 0; t < d; t++) {
      d_num[i * d + t] = dy[i * d + t] / den[i];
      acc += (double)dy[i * d + t] * out[i * d + t];
    }
    d_den[i] = (float)(-acc / den[i]);
  }
  edge_weights(score, NULL, E, H, d, w, logits);
  for (int e = 0; e < E; e++) {
    size_t vs = (size_t)src[e] * width, o = (size_t)dst[e] * width;
    float m = mask ? mask[e] : 1.0f;
    for (int h = 0; h < H; h++) {
      float weight = w[e * H + h] * m;
      double d_weight = d_den[dst[e] * H + h];
      for (int t = 0; t < d; t++) {
        int j = h * d + t;
        float value = v_bias ? v[vs + j] + v_bias[j] : v[vs + j];
        d_weight += (double)d_num[o + j] * value;
        float d_value = weight * d_num[o + j];
        dv[vs + j] += d_value;
        if (dv_bias) dv_bias[j] += d_value;
      }
      float logit = logits[e * H + h];
      float d_logit = logit >= -5 && logit <= 5 ? (float)(d_weight * m) * w[e * H + h] : 0;
      float *ds = d_score + ((size_t)e * H + h) * d;
      for (int t = 0; t < d; t++) ds[t] = d_logit;
    }
  }
  free(d_num), free(d_den), free(w), free(logits);
  return NULL;
}

/* attentionWeights(score, dst, den, mask?, attention, E, H, d) */
static napi_value attention_weights(napi_env env, napi_callback_info info) {
  ARGS(8);
  const float *score = F32(0), *den = F32(2), *mask = F32(3);
  const int32_t *dst = I32(1);
  float *attention = F32(4);
  int E = int_of(env, argv[5]), H = int_of(env, argv[6]), d = int_of(env, argv[7]);
  edge_weights(score, mask, E, H, d, attention, NULL);
  for (int e = 0; e < E; e++)
    for (int h = 0; h < H; h++) attention[e * H + h] = attention[e * H + h] / den[dst[e] * H + h];
  return NULL;
}

NAPI_MODULE_INIT() {
  const struct {
    const char *name;
    napi_callback fn;
  } kernels[] = {
      {"sgemm", sgemm},
      {"columnSum", column_sum},
      {"bnColumnSums", bn_column_sums},
      {"bnCenteredSquareSums", bn_centered_square_sums},
      {"bnNormalize", bn_normalize},
      {"bnGradientSums", bn_gradient_sums},
      {"bnInputGradient", bn_input_gradient},
      {"edgeScore", edge_score},
      {"edgeScoreGrad", edge_score_grad},
      {"attendNodes", attend_nodes},
      {"attendNodesGrad", attend_nodes_grad},
      {"attentionWeights", attention_weights},
  };
  for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
    napi_value fn;
    napi_create_function(env, kernels[i].name, NAPI_AUTO_LENGTH, kernels[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, kernels[i].name, fn);
  }
  return exports;
}
