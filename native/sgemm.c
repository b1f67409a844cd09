/*
 * OpenBLAS's single-precision matrix product as a Node addon (N-API), for Node training (src/cli/nativeBlas.ts)
 * and scripts/bench/nativeMatMul.ts; never the browser. sgemm(a, b, c, m, k, n, transposeA, transposeB) writes
 * c = op(a) . op(b), row-major, into c; the arrays may be views into a wasm heap.
 */
#include <cblas.h>
#include <node_api.h>

static void *data_of(napi_env env, napi_value array) {
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value buffer;
  napi_get_typedarray_info(env, array, &type, &length, &data, &buffer, &offset);
  return data;
}

static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t m, k, n, transposeA, transposeB;
  napi_get_value_int32(env, argv[3], &m);
  napi_get_value_int32(env, argv[4], &k);
  napi_get_value_int32(env, argv[5], &n);
  napi_get_value_int32(env, argv[6], &transposeA);
  napi_get_value_int32(env, argv[7], &transposeB);
  cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, m, n, k,
              1.0f, data_of(env, argv[0]), transposeA ? m : k, data_of(env, argv[1]), transposeB ? k : n, 0.0f,
              data_of(env, argv[2]), n);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "sgemm", NAPI_AUTO_LENGTH, sgemm, NULL, &fn);
  napi_set_named_property(env, exports, "sgemm", fn);
  return exports;
}
