#ifndef HUIZONG_XML_STREAM_H
#define HUIZONG_XML_STREAM_H

#include <stddef.h>

// A push (SAX) XML parser over libxml2, with a callback interface that exposes none of
// libxml2's types: element start (local name, attributes as name/value pairs), text, end.
typedef struct hz_xml_stream hz_xml_stream;

typedef void (*hz_xml_start)(void *user, const char *name, int attribute_count, const char **names,
                             const char **values, const int *value_lengths);
typedef void (*hz_xml_text)(void *user, const unsigned char *bytes, int count);
typedef void (*hz_xml_end)(void *user, const char *name);

hz_xml_stream *hz_xml_stream_new(void *user, hz_xml_start start, hz_xml_text text, hz_xml_end end);
void hz_xml_stream_free(hz_xml_stream *stream);
// 0 on success; otherwise the parser stopped: see hz_xml_stream_error.
int hz_xml_stream_feed(hz_xml_stream *stream, const char *bytes, int count, int is_last);
// The last error's message (valid until the next call) and line.
const char *hz_xml_stream_error(hz_xml_stream *stream, int *line);

#endif

#ifndef HUIZONG_CRC32_H
#define HUIZONG_CRC32_H

// zlib's CRC-32 (a ZIP entry's checksum), continued from `crc` over `count` bytes.
unsigned int hz_crc32(unsigned int crc, const void *bytes, size_t count);

// zlib's inflate for a ZIP entry's deflated bytes, a stretch at a time, so the caller counts
// the bytes actually taken and made.
typedef struct hz_inflater hz_inflater;
hz_inflater *hz_inflater_new(void);
void hz_inflater_free(hz_inflater *inflater);
// Inflates from `input` into `output`: *used bytes taken, *made bytes made. 1 at the end of the
// data, 0 when more may follow (more input, or room), -1 for data that is not deflate.
int hz_inflate(hz_inflater *inflater, const unsigned char *input, size_t count, size_t *used, unsigned char *output,
               size_t capacity, size_t *made);

#endif

#ifndef HUIZONG_SHEET_STREAM_H
#define HUIZONG_SHEET_STREAM_H

// A worksheet part read row by row in C: each row's cells (column, type, style, value bytes)
// handed over at once, so that the hot loop builds no strings per element.
typedef struct hz_sheet_stream hz_sheet_stream;

typedef struct {
    int column;       // 0-based, from the cell reference (or the one after the previous cell)
    char type;        // 'n' number, 's' shared string, 'b' boolean, 'e' error, 'S' str, 'i' inline string
    int style;        // the cell format's position in cellXfs
    int value_offset; // the value's bytes in the row's value buffer
    int value_length;
} hz_sheet_cell;

// Excel's columns: A to XFD. A row's cells past the last, or past this many, are counted in `ignored`, not held.
#define HZ_MAX_COLUMNS 16384

typedef void (*hz_sheet_row)(void *user, int row, const hz_sheet_cell *cells, int count, const unsigned char *values,
                             int ignored);

hz_sheet_stream *hz_sheet_stream_new(void *user, hz_sheet_row row);
void hz_sheet_stream_free(hz_sheet_stream *stream);
int hz_sheet_stream_feed(hz_sheet_stream *stream, const char *bytes, int count, int is_last);
const char *hz_sheet_stream_error(hz_sheet_stream *stream, int *line);

#endif

#ifndef HUIZONG_HTML_STREAM_H
#define HUIZONG_HTML_STREAM_H

// An HTML document (a web system's ".xls") parsed by libxml2's forgiving HTML push parser, with
// the same callbacks as hz_xml_stream (element names lower-cased by libxml2).
hz_xml_stream *hz_html_stream_new(void *user, hz_xml_start start, hz_xml_text text, hz_xml_end end);

#endif
