// How much two SHA-256 streams interleaved on one core gain over one stream (issue 32): the
// lever Linux's dm-verity uses ("sha256_finup_2x"). OpenSSL has no such call, so Huizong would need
// its own SHA-256; this measures the gain before anyone writes it. Not part of the build.
//
//   mkdir -p .build-bench && cc -O2 -o .build-bench/sha256-two-streams Scripts/bench-tools/sha256-two-streams.c -lcrypto
//   .build-bench/sha256-two-streams          (from the package's folder; needs a CPU with SHA-NI)
//
// It checks its own digests against OpenSSL's first, then prints GB/s for OpenSSL's one stream,
// this file's one stream, and this file's two streams in one loop (the bytes of both counted).
#include <immintrin.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <openssl/evp.h>

static const uint32_t K[64] = {
0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2};

#define T __attribute__((target("sha,sse4.1,ssse3")))  // SHA-NI, for this measurement only

T static inline void load_state(const uint32_t *s, __m128i *s0, __m128i *s1) {
  __m128i t = _mm_loadu_si128((const __m128i *)s);
  __m128i u = _mm_loadu_si128((const __m128i *)(s + 4));
  t = _mm_shuffle_epi32(t, 0xB1);
  u = _mm_shuffle_epi32(u, 0x1B);
  *s0 = _mm_alignr_epi8(t, u, 8);
  *s1 = _mm_blend_epi16(u, t, 0xF0);
}
T static inline void store_state(uint32_t *s, __m128i s0, __m128i s1) {
  __m128i t = _mm_shuffle_epi32(s0, 0x1B);
  s1 = _mm_shuffle_epi32(s1, 0xB1);
  s0 = _mm_blend_epi16(t, s1, 0xF0);
  s1 = _mm_alignr_epi8(s1, t, 8);
  _mm_storeu_si128((__m128i *)s, s0);
  _mm_storeu_si128((__m128i *)(s + 4), s1);
}

T void blocks1(uint32_t *state, const uint8_t *p, size_t n) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i s0, s1; load_state(state, &s0, &s1);
  for (; n; n--, p += 64) {
    __m128i a0 = s0, a1 = s1, w[4];
    for (int i = 0; i < 16; i++) {
      __m128i wi;
      if (i < 4) wi = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), mask);
      else wi = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]), _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4)), w[(i + 3) & 3]);
      w[i & 3] = wi;
      __m128i m = _mm_add_epi32(wi, _mm_loadu_si128((const __m128i *)(K + 4 * i)));
      s1 = _mm_sha256rnds2_epu32(s1, s0, m);
      s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
    }
    s0 = _mm_add_epi32(s0, a0); s1 = _mm_add_epi32(s1, a1);
  }
  store_state(state, s0, s1);
}

T void blocks2(uint32_t *sa, const uint8_t *p, uint32_t *sb, const uint8_t *q, size_t n) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i x0, x1, y0, y1; load_state(sa, &x0, &x1); load_state(sb, &y0, &y1);
  for (; n; n--, p += 64, q += 64) {
    __m128i a0 = x0, a1 = x1, b0 = y0, b1 = y1, w[4], v[4];
    for (int i = 0; i < 16; i++) {
      __m128i wi, vi;
      if (i < 4) {
        wi = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), mask);
        vi = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(q + 16 * i)), mask);
      } else {
        wi = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]), _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4)), w[(i + 3) & 3]);
        vi = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(v[i & 3], v[(i + 1) & 3]), _mm_alignr_epi8(v[(i + 3) & 3], v[(i + 2) & 3], 4)), v[(i + 3) & 3]);
      }
      w[i & 3] = wi; v[i & 3] = vi;
      __m128i k = _mm_loadu_si128((const __m128i *)(K + 4 * i));
      __m128i m = _mm_add_epi32(wi, k), mm = _mm_add_epi32(vi, k);
      x1 = _mm_sha256rnds2_epu32(x1, x0, m);
      y1 = _mm_sha256rnds2_epu32(y1, y0, mm);
      x0 = _mm_sha256rnds2_epu32(x0, x1, _mm_shuffle_epi32(m, 0x0E));
      y0 = _mm_sha256rnds2_epu32(y0, y1, _mm_shuffle_epi32(mm, 0x0E));
    }
    x0 = _mm_add_epi32(x0, a0); x1 = _mm_add_epi32(x1, a1);
    y0 = _mm_add_epi32(y0, b0); y1 = _mm_add_epi32(y1, b1);
  }
  store_state(sa, x0, x1); store_state(sb, y0, y1);
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// A whole message of n bytes (a multiple of 64 here, as the measurement's are): blocks, then padding.
static void digest1(const uint8_t *p, size_t n, uint8_t out[32]) {
  uint32_t s[8]; memcpy(s, initial, 32);
  blocks1(s, p, n / 64);
  uint8_t pad[64] = {0x80}; uint64_t bits = (uint64_t)n * 8;
  for (int i = 0; i < 8; i++) pad[63 - i] = (uint8_t)(bits >> (8 * i));
  blocks1(s, pad, 1);
  for (int i = 0; i < 8; i++) { out[4*i] = s[i] >> 24; out[4*i+1] = s[i] >> 16; out[4*i+2] = s[i] >> 8; out[4*i+3] = s[i]; }
}

static void digest2(const uint8_t *p, const uint8_t *q, size_t n, uint8_t a[32], uint8_t b[32]) {
  uint32_t s[8], t[8]; memcpy(s, initial, 32); memcpy(t, initial, 32);
  blocks2(s, p, t, q, n / 64);
  uint8_t pad[64] = {0x80}; uint64_t bits = (uint64_t)n * 8;
  for (int i = 0; i < 8; i++) pad[63 - i] = (uint8_t)(bits >> (8 * i));
  blocks2(s, pad, t, pad, 1);
  for (int i = 0; i < 8; i++) {
    a[4*i] = s[i] >> 24; a[4*i+1] = s[i] >> 16; a[4*i+2] = s[i] >> 8; a[4*i+3] = s[i];
    b[4*i] = t[i] >> 24; b[4*i+1] = t[i] >> 16; b[4*i+2] = t[i] >> 8; b[4*i+3] = t[i];
  }
}

static void openssl(const uint8_t *p, size_t n, uint8_t out[32]) {
  unsigned int length; EVP_MD_CTX *c = EVP_MD_CTX_new();
  EVP_DigestInit_ex(c, EVP_sha256(), NULL); EVP_DigestUpdate(c, p, n); EVP_DigestFinal_ex(c, out, &length);
  EVP_MD_CTX_free(c);
}

int main(void) {
  if (!__builtin_cpu_supports("sha")) { puts("no SHA-NI on this CPU"); return 1; }
  size_t n = (size_t)64 << 20; uint8_t *a = malloc(n), *b = malloc(n);
  for (size_t i = 0; i < n; i++) { a[i] = (uint8_t)(i * 2654435761u >> 13); b[i] = (uint8_t)(i * 40503u >> 7); }
  uint8_t want_a[32], want_b[32], got_a[32], got_b[32], one[32];
  openssl(a, n, want_a); openssl(b, n, want_b); digest1(a, n, one); digest2(a, b, n, got_a, got_b);
  if (memcmp(one, want_a, 32) || memcmp(got_a, want_a, 32) || memcmp(got_b, want_b, 32)) {
    puts("digests differ from OpenSSL's"); return 1;
  }
  for (int round = 0; round < 5; round++) {
    double t0 = now(); openssl(a, n, want_a); openssl(b, n, want_b);
    double t1 = now(); digest1(a, n, got_a); digest1(b, n, got_b);
    double t2 = now(); digest2(a, b, n, got_a, got_b);
    double t3 = now();
    printf("OpenSSL one stream %.2f GB/s   own one stream %.2f GB/s   own two streams %.2f GB/s\n",
           2 * n / (t1 - t0) / 1e9, 2 * n / (t2 - t1) / 1e9, 2 * n / (t3 - t2) / 1e9);
  }
  return 0;
}
