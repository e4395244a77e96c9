#include "CTextScan.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

// MARK: - UTF-8 validation, portable

int hz_text_is_valid_portable(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time; a zero byte among them is checked the slow way.
        if (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            uint64_t hasZero = (word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL;
            if ((word & 0x8080808080808080ULL) == 0 && hasZero == 0) {
                i += 8;
                continue;
            }
        }
        uint8_t b = p[i];
        if (b < 0x80) {
            if (b == 0) return 0;
            i += 1;
            continue;
        }
        if (b < 0xC2 || b > 0xF4) return 0;
        size_t length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (i + length > n) return 0;
        uint8_t c1 = p[i + 1];
        if ((c1 & 0xC0) != 0x80) return 0;
        if (b == 0xE0 && c1 < 0xA0) return 0;  // overlong
        if (b == 0xED && c1 > 0x9F) return 0;  // surrogate
        if (b == 0xF0 && c1 < 0x90) return 0;  // overlong
        if (b == 0xF4 && c1 > 0x8F) return 0;  // beyond U+10FFFF
        for (size_t k = 2; k < length; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return 0;
        }
        i += length;
    }
    return 1;
}

// MARK: - UTF-8 validation, AVX2
// The lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less than one instruction
// per byte", 2021), as simdjson and simdutf use it: three table lookups classify each pair of
// adjacent bytes, and a check on the bytes two and three back catches missing continuations.

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)

static inline __m256i hz_prev(__m256i input, __m256i previous, int n) {
    __m256i joined = _mm256_permute2x128_si256(previous, input, 0x21);
    switch (n) {
    case 1: return _mm256_alignr_epi8(input, joined, 15);
    case 2: return _mm256_alignr_epi8(input, joined, 14);
    default: return _mm256_alignr_epi8(input, joined, 13);
    }
}

static inline __m256i hz_lookup(__m256i index, __m256i table) {
    return _mm256_shuffle_epi8(table, index);
}

static inline __m256i hz_table(uint8_t a0, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4, uint8_t a5,
                               uint8_t a6, uint8_t a7, uint8_t a8, uint8_t a9, uint8_t a10, uint8_t a11,
                               uint8_t a12, uint8_t a13, uint8_t a14, uint8_t a15) {
    return _mm256_setr_epi8((char)a0, (char)a1, (char)a2, (char)a3, (char)a4, (char)a5, (char)a6, (char)a7,
                            (char)a8, (char)a9, (char)a10, (char)a11, (char)a12, (char)a13, (char)a14, (char)a15,
                            (char)a0, (char)a1, (char)a2, (char)a3, (char)a4, (char)a5, (char)a6, (char)a7,
                            (char)a8, (char)a9, (char)a10, (char)a11, (char)a12, (char)a13, (char)a14, (char)a15);
}

enum {
    TOO_SHORT = 1 << 0,   // a lead byte not followed by a continuation
    TOO_LONG = 1 << 1,    // a continuation after ASCII
    OVERLONG_3 = 1 << 2,  // E0 80..9F
    TOO_LARGE = 1 << 3,   // beyond U+10FFFF
    SURROGATE = 1 << 4,   // ED A0..BF
    OVERLONG_2 = 1 << 5,  // C0, C1
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6,  // F0 80..8F
    TWO_CONTS = 1 << 7,   // two continuations in a row (fine only inside 3- and 4-byte sequences)
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

/// The three tables of the lookup: by the high and low nibble of the byte before, and by the
/// high nibble of the byte itself, which errors the pair may be.
static inline __m256i hz_byte1_high(void) {
    return hz_table(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
}

static inline __m256i hz_byte1_low(void) {
    return hz_table(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
        CARRY | OVERLONG_2,
        CARRY,
        CARRY,
        CARRY | TOO_LARGE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
}

static inline __m256i hz_byte2_high(void) {
    return hz_table(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
}

static inline __m256i hz_special_cases(__m256i input, __m256i prev1) {
    const __m256i low = _mm256_set1_epi8(0x0F);
    __m256i prev1High = _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low);
    __m256i prev1Low = _mm256_and_si256(prev1, low);
    __m256i inputHigh = _mm256_and_si256(_mm256_srli_epi16(input, 4), low);
    __m256i byte1High = hz_lookup(prev1High, hz_byte1_high());
    __m256i byte1Low = hz_lookup(prev1Low, hz_byte1_low());
    __m256i byte2High = hz_lookup(inputHigh, hz_byte2_high());
    return _mm256_and_si256(_mm256_and_si256(byte1High, byte1Low), byte2High);
}

static inline __m256i hz_block_errors(__m256i input, __m256i previous) {
    __m256i prev1 = hz_prev(input, previous, 1);
    __m256i special = hz_special_cases(input, prev1);
    // Two and three bytes after a 3- or 4-byte lead must be continuations, and only there.
    __m256i third = _mm256_subs_epu8(hz_prev(input, previous, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(hz_prev(input, previous, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must, special);
}

/// The validator's state between 32-byte steps.
typedef struct {
    __m256i error, previous, incomplete, nul;
} hz_utf8_state;

static inline hz_utf8_state hz_utf8_start(void) {
    const __m256i zero = _mm256_setzero_si256();
    return (hz_utf8_state){zero, zero, zero, zero};
}

/// Judges the next 32 bytes, after the ones `state` has seen.
static inline void hz_utf8_step(hz_utf8_state *state, __m256i input) {
    // A lead byte in the last three places of a block wants bytes from the next one.
    const __m256i incompleteAbove = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    state->nul = _mm256_or_si256(state->nul, _mm256_cmpeq_epi8(input, _mm256_setzero_si256()));
    if (_mm256_movemask_epi8(input) == 0) {
        state->error = _mm256_or_si256(state->error, state->incomplete);
        state->incomplete = _mm256_setzero_si256();
    } else {
        state->error = _mm256_or_si256(state->error, hz_block_errors(input, state->previous));
        state->incomplete = _mm256_subs_epu8(input, incompleteAbove);
    }
    state->previous = input;
}

/// Whether everything `state` has seen was valid, NUL-free and (when `ended`) not cut short.
static inline int hz_utf8_valid(const hz_utf8_state *state, int ended) {
    __m256i error = _mm256_or_si256(state->error, state->nul);
    if (ended) error = _mm256_or_si256(error, state->incomplete);
    return _mm256_testz_si256(error, error);
}

static int hz_text_is_valid_avx2(const uint8_t *p, size_t n) {
    hz_utf8_state state = hz_utf8_start();
    uint8_t tail[32];
    for (size_t i = 0; i < n; i += 32) {
        __m256i input;
        if (i + 32 <= n) {
            input = _mm256_loadu_si256((const __m256i *)(p + i));
        } else {
            memset(tail, 0x20, sizeof tail);  // spaces: ASCII and not NUL
            memcpy(tail, p + i, n - i);
            input = _mm256_loadu_si256((const __m256i *)tail);
        }
        hz_utf8_step(&state, input);
    }
    return hz_utf8_valid(&state, 1);
}

#pragma clang attribute pop

static int hz_has_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    // The operating system saves the YMM registers.
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) != 0;
}

/// hz_has_avx2, asked once: -1 until then. Relaxed atomics: every thread computes the same answer.
static int hz_avx2 = -1;

static int hz_use_avx2(void) {
    int known = __atomic_load_n(&hz_avx2, __ATOMIC_RELAXED);
    if (known < 0) {
        known = hz_has_avx2();
        __atomic_store_n(&hz_avx2, known, __ATOMIC_RELAXED);
    }
    return known;
}
#endif

int hz_text_is_valid(const uint8_t *bytes, size_t count) {
#if defined(__x86_64__)
    if (hz_use_avx2()) return hz_text_is_valid_avx2(bytes, count);
#endif
    return hz_text_is_valid_portable(bytes, count);
}

// MARK: - Classifying bytes

void hz_classify_portable(const uint8_t *base, size_t count, uint8_t delimiter, hz_block *blocks) {
    for (size_t block = 0; block * 64 < count; block++) {
        hz_block b = {0, 0, 0};
        size_t end = count - block * 64 < 64 ? count - block * 64 : 64;
        for (size_t k = 0; k < end; k++) {
            uint8_t byte = base[block * 64 + k];
            if (byte == delimiter) b.delimiters |= 1ULL << k;
            else if (byte == '"') b.quotes |= 1ULL << k;
            else if (byte == '\r' || byte == '\n') b.line_ends |= 1ULL << k;
        }
        blocks[block] = b;
    }
}

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
static inline uint64_t hz_mask64(__m256i low, __m256i high, __m256i pattern) {
    uint32_t a = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, pattern));
    uint32_t b = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, pattern));
    return (uint64_t)a | (uint64_t)b << 32;
}

/// One 64-byte block's delimiters, quotes and line ends, from its two 32-byte halves: what
/// hz_classify_avx2 and hz_scan_avx2 both write.
static inline hz_block hz_block_avx2(__m256i low, __m256i high, __m256i delimiter) {
    hz_block block;
    block.delimiters = hz_mask64(low, high, delimiter);
    block.quotes = hz_mask64(low, high, _mm256_set1_epi8('"'));
    block.line_ends = hz_mask64(low, high, _mm256_set1_epi8('\r')) | hz_mask64(low, high, _mm256_set1_epi8('\n'));
    return block;
}

static void hz_classify_avx2(const uint8_t *base, size_t count, uint8_t delimiter, hz_block *blocks) {
    const __m256i d = _mm256_set1_epi8((char)delimiter);
    size_t block = 0;
    for (; (block + 1) * 64 <= count; block++) {
        const uint8_t *p = base + block * 64;
        __m256i low = _mm256_loadu_si256((const __m256i *)p), high = _mm256_loadu_si256((const __m256i *)(p + 32));
        blocks[block] = hz_block_avx2(low, high, d);
    }
    if (block * 64 < count) hz_classify_portable(base + block * 64, count - block * 64, delimiter, blocks + block);
}
#pragma clang attribute pop
#endif

void hz_classify(const uint8_t *base, size_t count, uint8_t delimiter, hz_block *blocks) {
#if defined(__x86_64__)
    if (hz_use_avx2()) {
        hz_classify_avx2(base, count, delimiter, blocks);
        return;
    }
#endif
    hz_classify_portable(base, count, delimiter, blocks);
}

// MARK: - Validating and classifying in one pass

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
/// hz_text_is_valid_avx2 and hz_classify_avx2 over the same loads, 64 bytes at a time.
static int hz_scan_avx2(const uint8_t *p, size_t n, uint8_t delimiter, hz_block *blocks) {
    const __m256i d = _mm256_set1_epi8((char)delimiter);
    hz_utf8_state state = hz_utf8_start();
    size_t block = 0;
    for (; (block + 1) * 64 <= n; block++) {
        const uint8_t *at = p + block * 64;
        __m256i low = _mm256_loadu_si256((const __m256i *)at), high = _mm256_loadu_si256((const __m256i *)(at + 32));
        blocks[block] = hz_block_avx2(low, high, d);
        hz_utf8_step(&state, low);
        hz_utf8_step(&state, high);
    }
    size_t done = block * 64;
    // The last partial block is classified the portable way.
    if (done < n) hz_classify_portable(p + done, n - done, delimiter, blocks + block);
    // A character the last full block left open is judged with the tail below.
    if (!hz_utf8_valid(&state, done == n)) return 0;
    if (done == n) return 1;
    // The tail is validated from the lead byte of a character the full blocks left open (at most
    // three bytes back), so that it is judged whole.
    size_t from = done;
    for (size_t back = 1; back <= 3 && back <= done; back++) {
        uint8_t byte = p[done - back];
        if ((byte & 0xC0) == 0x80) continue;
        if (byte >= 0xC0) from = done - back;
        break;
    }
    return hz_text_is_valid_avx2(p + from, n - from);
}
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512f,avx512bw"))), apply_to = function)
static inline __m512i hz_prev512(__m512i input, __m512i previous, int n) {
    // The last 16 bytes of `previous` below the first 48 of `input`, then each lane shifted.
    const __m512i lanes = _mm512_setr_epi32(28, 29, 30, 31, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    __m512i rotated = _mm512_permutex2var_epi32(input, lanes, previous);
    switch (n) {
    case 1: return _mm512_alignr_epi8(input, rotated, 15);
    case 2: return _mm512_alignr_epi8(input, rotated, 14);
    default: return _mm512_alignr_epi8(input, rotated, 13);
    }
}

static inline __m512i hz_table512(__m256i table) {
    return _mm512_broadcast_i32x4(_mm256_castsi256_si128(table));
}

static inline __m512i hz_block_errors512(__m512i input, __m512i previous, const __m512i tables[3]) {
    const __m512i low = _mm512_set1_epi8(0x0F);
    __m512i prev1 = hz_prev512(input, previous, 1);
    __m512i byte1High = _mm512_shuffle_epi8(tables[0], _mm512_and_si512(_mm512_srli_epi16(prev1, 4), low));
    __m512i byte1Low = _mm512_shuffle_epi8(tables[1], _mm512_and_si512(prev1, low));
    __m512i byte2High = _mm512_shuffle_epi8(tables[2], _mm512_and_si512(_mm512_srli_epi16(input, 4), low));
    __m512i special = _mm512_and_si512(_mm512_and_si512(byte1High, byte1Low), byte2High);
    __m512i third = _mm512_subs_epu8(hz_prev512(input, previous, 2), _mm512_set1_epi8((char)(0xE0 - 0x80)));
    __m512i fourth = _mm512_subs_epu8(hz_prev512(input, previous, 3), _mm512_set1_epi8((char)(0xF0 - 0x80)));
    __m512i must = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8((char)0x80));
    return _mm512_xor_si512(must, special);
}

/// The same pass with AVX-512: one load, mask compares straight into the block's bit masks.
static int hz_scan_avx512(const uint8_t *p, size_t n, uint8_t delimiter, hz_block *blocks) {
    // hz_special_cases' three tables, in each 128-bit lane.
    const __m512i tables[3] = {hz_table512(hz_byte1_high()), hz_table512(hz_byte1_low()), hz_table512(hz_byte2_high())};
    // A lead byte in the last three places of a block wants bytes from the next one.
    __m512i incompleteAbove = _mm512_set1_epi8((char)0xFF);
    incompleteAbove = _mm512_mask_blend_epi8(1ULL << 61, incompleteAbove, _mm512_set1_epi8((char)(0xF0 - 1)));
    incompleteAbove = _mm512_mask_blend_epi8(1ULL << 62, incompleteAbove, _mm512_set1_epi8((char)(0xE0 - 1)));
    incompleteAbove = _mm512_mask_blend_epi8(1ULL << 63, incompleteAbove, _mm512_set1_epi8((char)(0xC0 - 1)));
    const __m512i zero = _mm512_setzero_si512();
    const __m512i d = _mm512_set1_epi8((char)delimiter), q = _mm512_set1_epi8('"');
    const __m512i cr = _mm512_set1_epi8('\r'), lf = _mm512_set1_epi8('\n');
    __m512i error = zero, previous = zero, incomplete = zero;
    __mmask64 nul = 0;
    for (size_t block = 0; block * 64 < n; block++) {
        size_t left = n - block * 64;
        // The last block is loaded masked: zeros past the end, which are ASCII, and not NUL
        // because they are masked out of that test.
        __mmask64 present = left >= 64 ? ~0ULL : (1ULL << left) - 1;
        __m512i input = _mm512_maskz_loadu_epi8(present, p + block * 64);
        blocks[block].delimiters = _mm512_mask_cmpeq_epi8_mask(present, input, d);
        blocks[block].quotes = _mm512_mask_cmpeq_epi8_mask(present, input, q);
        blocks[block].line_ends =
            _mm512_mask_cmpeq_epi8_mask(present, input, cr) | _mm512_mask_cmpeq_epi8_mask(present, input, lf);
        nul |= _mm512_mask_cmpeq_epi8_mask(present, input, zero);
        if (_mm512_movepi8_mask(input) == 0) {
            error = _mm512_or_si512(error, incomplete);
            incomplete = zero;
        } else {
            error = _mm512_or_si512(error, hz_block_errors512(input, previous, tables));
            incomplete = _mm512_subs_epu8(input, incompleteAbove);
        }
        previous = input;
    }
    error = _mm512_or_si512(error, incomplete);
    return nul == 0 && _mm512_test_epi64_mask(error, error) == 0;
}
#pragma clang attribute pop

static int hz_has_avx512(void) {
    unsigned a, b, c, d;
    if (!hz_use_avx2()) return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0xE6) != 0xE6) return 0;  // the OS saves the opmask and ZMM registers too
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX512F) && (b & bit_AVX512BW);
}

static int hz_avx512 = -1;
#endif

int hz_scan_at(int level, const uint8_t *bytes, size_t count, uint8_t delimiter, hz_block *blocks) {
#if defined(__x86_64__)
    if (level >= 2) {
        int known = __atomic_load_n(&hz_avx512, __ATOMIC_RELAXED);
        if (known < 0) {
            known = hz_has_avx512();
            __atomic_store_n(&hz_avx512, known, __ATOMIC_RELAXED);
        }
        if (known) return hz_scan_avx512(bytes, count, delimiter, blocks);
    }
    if (level >= 1 && hz_use_avx2()) return hz_scan_avx2(bytes, count, delimiter, blocks);
#endif
    (void)level;
    hz_classify_portable(bytes, count, delimiter, blocks);
    return hz_text_is_valid_portable(bytes, count);
}

int hz_scan(const uint8_t *bytes, size_t count, uint8_t delimiter, hz_block *blocks) {
    return hz_scan_at(2, bytes, count, delimiter, blocks);
}

// MARK: - Splitting a line

/// Where the line starting at `start` ends (its first CR or LF), or -1 when not within `count`.
static inline long hz_line_end(long start, long count, const hz_block *blocks) {
    long block = start >> 6;
    uint64_t bits = blocks[block].line_ends & (~0ULL << (start & 63));
    while (bits == 0) {
        block += 1;
        if (block << 6 >= count) return -1;
        bits = blocks[block].line_ends;
    }
    long end = (block << 6) + __builtin_ctzll(bits);
    return end < count ? end : -1;
}

/// Bits of `block` for the bytes in [from, to).
static inline uint64_t hz_within(long block, long from, long to) {
    long first = block << 6;
    uint64_t mask = ~0ULL;
    if (from > first) mask &= ~0ULL << (from - first);
    if (to < first + 64) mask &= to > first ? ~0ULL >> (64 - (to - first)) : 0;
    return mask;
}

/// One line, quotes and all (hz_split_lines takes the plain ones in batches): fields that open
/// with a quote must close on the line, before a delimiter or the line end.
long hz_split_line(const uint8_t *base, long start, long count, const hz_block *blocks,
                   long *starts, long *ends, long capacity,
                   long *field_count, long *line_end, int *escaped) {
    long lineEnd = hz_line_end(start, count, blocks);
    if (lineEnd < 0) return HZ_LINE_FOR_LIBCSV;
    long next = lineEnd + 1;
    if (base[lineEnd] == '\r') {
        if (next >= count) return HZ_LINE_FOR_LIBCSV;  // whether an LF follows is the next chunk's to say
        if (base[next] == '\n') next += 1;
    }
    long fields = 0, fieldStart = start;
    long firstBlock = start >> 6, lastBlock = lineEnd >> 6;
    enum { UNQUOTED, QUOTED, AFTER_QUOTE } state = UNQUOTED;
    long closing = -1, pairedQuote = -1;
    int anyEscaped = 0;
    for (long block = firstBlock; block <= lastBlock; block++) {
        uint64_t bits = (blocks[block].delimiters | blocks[block].quotes) & hz_within(block, start, lineEnd);
        while (bits) {
            long j = (block << 6) + __builtin_ctzll(bits);
            bits &= bits - 1;
            uint8_t byte = base[j];
            switch (state) {
            case UNQUOTED:
                if (byte == '"') {
                    if (j != fieldStart) return HZ_LINE_FOR_LIBCSV;  // a quote inside an unquoted field
                    state = QUOTED;
                    continue;
                }
                if (fields == capacity) return HZ_LINE_NEEDS_ROOM;
                starts[fields] = fieldStart - start;
                ends[fields] = j - start;
                fields += 1;
                fieldStart = j + 1;
                continue;
            case QUOTED:
                if (byte != '"' || j == pairedQuote) continue;
                if (j + 1 < lineEnd && base[j + 1] == '"') {
                    anyEscaped = 1;
                    pairedQuote = j + 1;
                    continue;
                }
                if (fields == capacity) return HZ_LINE_NEEDS_ROOM;
                starts[fields] = fieldStart + 1 - start;
                ends[fields] = j - start;
                fields += 1;
                closing = j;
                state = AFTER_QUOTE;
                continue;
            case AFTER_QUOTE:
                // Only a delimiter or the line end may follow a closing quote.
                if (j != closing + 1 || byte == '"') return HZ_LINE_FOR_LIBCSV;
                fieldStart = j + 1;
                state = UNQUOTED;
                continue;
            }
        }
    }
    switch (state) {
    case QUOTED: return HZ_LINE_FOR_LIBCSV;  // still open at the line end: a quoted line break
    case AFTER_QUOTE:
        if (closing + 1 != lineEnd) return HZ_LINE_FOR_LIBCSV;  // text after the closing quote
        break;
    case UNQUOTED:
        if (fields == capacity) return HZ_LINE_NEEDS_ROOM;
        starts[fields] = fieldStart - start;
        ends[fields] = lineEnd - start;
        fields += 1;
        break;
    }
    *field_count = fields;
    *line_end = lineEnd;
    *escaped = anyEscaped;
    return next;
}

long hz_split_lines(const uint8_t *base, long start, long count, const hz_block *blocks,
                    hz_line *lines, long line_capacity, long *starts, long *ends, long field_capacity,
                    long *stop) {
    long lineCount = 0, fields = 0, lineStart = start, fieldStart = start, firstField = 0;
    long block = start >> 6;
    uint64_t from = ~0ULL << (start & 63);
    // Block by block: the delimiters before the block's first line end are fields of the line
    // being split; at a line end the line is done and the next starts within the same block.
    while (block << 6 < count) {
        if (fields + 65 > field_capacity) break;  // room for a whole block's fields
        uint64_t lineEnds = blocks[block].line_ends & from;
        uint64_t before = lineEnds ? (lineEnds & (0 - lineEnds)) - 1 : ~0ULL;
        if (blocks[block].quotes & from & before) break;  // a quote: the line is hz_split_line's
        uint64_t bits = blocks[block].delimiters & from & before;
        long offset = block << 6;
        while (bits) {
            long j = offset + __builtin_ctzll(bits);
            bits &= bits - 1;
            starts[fields] = fieldStart - lineStart;
            ends[fields] = j - lineStart;
            fields += 1;
            fieldStart = j + 1;
        }
        if (!lineEnds) {
            block += 1;
            from = ~0ULL;
            continue;
        }
        long end = offset + __builtin_ctzll(lineEnds);
        long next = end + 1;
        if (base[end] == '\r') {
            if (next >= count) break;  // whether an LF follows is the next chunk's to say
            if (base[next] == '\n') next += 1;
        }
        starts[fields] = fieldStart - lineStart;
        ends[fields] = end - lineStart;
        fields += 1;
        hz_line *line = &lines[lineCount];
        line->start = lineStart;
        line->end = end;
        line->next = next;
        line->first_field = firstField;
        line->field_count = fields - firstField;
        lineCount += 1;
        lineStart = fieldStart = next;
        firstField = fields;
        if (lineCount == line_capacity) break;
        block = next >> 6;
        from = ~0ULL << (next & 63);
    }
    *stop = lineStart;
    return lineCount;
}

#include <iconv.h>
#include <pthread.h>

static pthread_mutex_t converters = PTHREAD_MUTEX_INITIALIZER;

void *hz_converter_open(const char *to, const char *from) {
    pthread_mutex_lock(&converters);
    iconv_t converter = iconv_open(to, from);
    pthread_mutex_unlock(&converters);
    return (void *)converter;
}

void hz_converter_close(void *converter) {
    pthread_mutex_lock(&converters);
    iconv_close((iconv_t)converter);
    pthread_mutex_unlock(&converters);
}

void hz_converters_lock(void) { pthread_mutex_lock(&converters); }

void hz_converters_unlock(void) { pthread_mutex_unlock(&converters); }
