#ifndef HUIZONG_CTEXTSCAN_H
#define HUIZONG_CTEXTSCAN_H

// The reader's byte loops, in C for SIMD: UTF-8 validation, and finding a CSV chunk's
// delimiters, quotes and line ends to split its lines into fields. Both are guarded by
// differential tests (CSVReadingTests) against the Swift standard library's validation and
// against libcsv, which stays the parser of record.

#include <stddef.h>
#include <stdint.h>

/// iconv_open and iconv_close under one lock, which the .xls reader's fork also takes (CBIFF):
/// glibc's converter lock is not reset in a forked child, so a child forked while another thread
/// held it would wait forever in FreeXL's own iconv_open. Returns what iconv_open returns.
void *hz_converter_open(const char *to, const char *from);
void hz_converter_close(void *converter);
/// Held around a fork, so that no thread is inside iconv_open or iconv_close at that moment.
void hz_converters_lock(void);
void hz_converters_unlock(void);

/// 1 when `count` bytes are valid UTF-8 holding no NUL byte, else 0. Uses AVX2 when the CPU
/// has it, else the portable loop below.
int hz_text_is_valid(const uint8_t *bytes, size_t count);

/// The same answer without SIMD: the reference the SIMD path is tested against.
int hz_text_is_valid_portable(const uint8_t *bytes, size_t count);

/// Where a 64-byte block's delimiters, quotes and line ends (CR or LF) are: bit k for byte k.
typedef struct {
    uint64_t delimiters;
    uint64_t quotes;
    uint64_t line_ends;
} hz_block;

/// Classifies `count` bytes into `blocks`, which must have room for (count + 63) / 64.
/// The delimiter is never a quote, CR or LF.
void hz_classify(const uint8_t *base, size_t count, uint8_t delimiter, hz_block *blocks);

/// The same without SIMD: the reference hz_classify is tested against.
void hz_classify_portable(const uint8_t *base, size_t count, uint8_t delimiter, hz_block *blocks);

/// hz_text_is_valid and hz_classify in one pass over the bytes (AVX-512 where the CPU has it,
/// else AVX2, else the portable loops): classifies `count` bytes into `blocks` and returns 1
/// when they are valid UTF-8 holding no NUL. `blocks` is filled even when they are not.
int hz_scan(const uint8_t *bytes, size_t count, uint8_t delimiter, hz_block *blocks);

/// hz_scan at most at `level` (0 portable, 1 AVX2, 2 AVX-512), for the tests of each path; a
/// level the CPU lacks falls to the one below.
int hz_scan_at(int level, const uint8_t *bytes, size_t count, uint8_t delimiter, hz_block *blocks);

/// hz_split_line's answers other than the next line's start.
enum {
    /// The line is libcsv's: a quote inside an unquoted field, text after a closing quote,
    /// a quoted line break, or no line end (or a CR whose LF may follow) within the bytes.
    HZ_LINE_FOR_LIBCSV = -1,
    /// More fields than `capacity`: grow the arrays and call again.
    HZ_LINE_NEEDS_ROOM = -2,
};

/// Splits the line that starts at `start` of `count` bytes, classified into `blocks` by
/// hz_classify, taking quoted fields that close on the line and are followed by a delimiter or
/// the line end. On success returns where the next line starts and sets: `starts`/`ends`
/// (field content, relative to `start`, quotes excluded), `*field_count`, `*line_end` (offset
/// of the CR or LF), and `*escaped` (1 when some quoted field holds a doubled quote "" still to
/// be made one). An empty line has one empty field. Otherwise returns HZ_LINE_FOR_LIBCSV or
/// HZ_LINE_NEEDS_ROOM.
long hz_split_line(const uint8_t *base, long start, long count, const hz_block *blocks,
                   long *starts, long *ends, long capacity,
                   long *field_count, long *line_end, int *escaped);

/// One line split by hz_split_lines: its bytes [start, end) (end is its CR or LF), where the next
/// line starts, and its fields' place in the field arrays.
typedef struct {
    long start;
    long end;
    long next;
    long first_field;
    long field_count;
} hz_line;

/// Splits the lines from `start` on that hold no quote, as many as fit in `lines` and the field
/// arrays (field bounds relative to their line's start). Stops before the first line that holds
/// a quote, runs past `count`, or ends in a CR as the last byte; sets `*stop` to where that line
/// starts (`start` itself when it is the first) and returns the number of lines split.
long hz_split_lines(const uint8_t *base, long start, long count, const hz_block *blocks,
                    hz_line *lines, long line_capacity, long *starts, long *ends, long field_capacity,
                    long *stop);

#endif
