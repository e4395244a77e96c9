#include "CXMLStream.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct hz_xml_stream {
    xmlSAXHandler handler;
    xmlParserCtxtPtr context;
    void *user;
    hz_xml_start start;
    hz_xml_text text;
    hz_xml_end end;
    int is_html;
};

#define HZ_MAX_ATTRIBUTES 32

// A push parser for `handler`, calling back with `user`: no network, no external entities or DTDs.
static xmlParserCtxtPtr push_context(xmlSAXHandler *handler, void *user) {
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(handler, user, NULL, 0, NULL);
    if (context != NULL) xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    return context;
}

// The parser's last error message (valid until the next call) and its line.
static const char *last_error(xmlParserCtxtPtr context, int *line) {
    const xmlError *error = xmlCtxtGetLastError(context);
    if (error == NULL) {
        *line = 0;
        return "not XML";
    }
    *line = error->line;
    return error->message != NULL ? error->message : "not XML";
}

static void on_start(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted,
                     const xmlChar **attributes) {
    (void)prefix; (void)uri; (void)namespace_count; (void)namespaces; (void)defaulted;
    hz_xml_stream *stream = context;
    const char *names[HZ_MAX_ATTRIBUTES];
    const char *values[HZ_MAX_ATTRIBUTES];
    int lengths[HZ_MAX_ATTRIBUTES];
    int count = attribute_count < HZ_MAX_ATTRIBUTES ? attribute_count : HZ_MAX_ATTRIBUTES;
    for (int index = 0; index < count; index++) {
        names[index] = (const char *)attributes[index * 5];
        values[index] = (const char *)attributes[index * 5 + 3];
        lengths[index] = (int)(attributes[index * 5 + 4] - attributes[index * 5 + 3]);
    }
    stream->start(stream->user, (const char *)localname, count, names, values, lengths);
}

static void on_end(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    hz_xml_stream *stream = context;
    stream->end(stream->user, (const char *)localname);
}

static void on_text(void *context, const xmlChar *bytes, int count) {
    hz_xml_stream *stream = context;
    stream->text(stream->user, bytes, count);
}

hz_xml_stream *hz_xml_stream_new(void *user, hz_xml_start start, hz_xml_text text, hz_xml_end end) {
    hz_xml_stream *stream = calloc(1, sizeof(hz_xml_stream));
    if (stream == NULL) return NULL;
    stream->handler.initialized = XML_SAX2_MAGIC;
    stream->handler.startElementNs = on_start;
    stream->handler.endElementNs = on_end;
    stream->handler.characters = on_text;
    stream->handler.cdataBlock = on_text;
    stream->user = user;
    stream->start = start;
    stream->text = text;
    stream->end = end;
    stream->context = push_context(&stream->handler, stream);
    if (stream->context == NULL) {
        free(stream);
        return NULL;
    }
    return stream;
}

void hz_xml_stream_free(hz_xml_stream *stream) {
    if (stream == NULL) return;
    if (stream->is_html) htmlFreeParserCtxt((htmlParserCtxtPtr)stream->context);
    else xmlFreeParserCtxt(stream->context);
    free(stream);
}

int hz_xml_stream_feed(hz_xml_stream *stream, const char *bytes, int count, int is_last) {
    if (stream->is_html) return htmlParseChunk((htmlParserCtxtPtr)stream->context, bytes, count, is_last);
    return xmlParseChunk(stream->context, bytes, count, is_last);
}

const char *hz_xml_stream_error(hz_xml_stream *stream, int *line) { return last_error(stream->context, line); }

struct hz_sheet_stream {
    xmlSAXHandler handler;
    xmlParserCtxtPtr context;
    void *user;
    hz_sheet_row row_callback;
    int row;
    int in_value, in_inline, in_phonetic;
    hz_sheet_cell current;
    hz_sheet_cell *cells;
    int count, capacity;
    // Cells of this row past Excel's last column (or past as many cells), counted, not held.
    int ignored, ignoring;
    unsigned char *values;
    int values_length, values_capacity;
};

// A cell reference's 0-based column; HZ_MAX_COLUMNS for one past Excel's last column (XFD).
static int column_of(const xmlChar *reference, int length) {
    int column = 0;
    for (int index = 0; index < length && reference[index] >= 'A' && reference[index] <= 'Z'; index++) {
        column = column * 26 + (reference[index] - 'A' + 1);
        if (column > HZ_MAX_COLUMNS) return HZ_MAX_COLUMNS;  // no larger index is real
    }
    return column > 0 ? column - 1 : 0;
}

static int integer_of(const xmlChar *text, int length) {
    int value = 0;
    for (int index = 0; index < length && text[index] >= '0' && text[index] <= '9'; index++) {
        if (value > 100000000) return value;
        value = value * 10 + (text[index] - '0');
    }
    return value;
}

static void sheet_start(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                        int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted,
                        const xmlChar **attributes) {
    (void)prefix; (void)uri; (void)namespace_count; (void)namespaces; (void)defaulted;
    hz_sheet_stream *stream = context;
    const char *name = (const char *)localname;
    if (strcmp(name, "c") == 0) {
        stream->current.column = stream->count > 0 ? stream->cells[stream->count - 1].column + 1 : 0;
        stream->current.type = 'n';
        stream->current.style = 0;
        stream->current.value_offset = stream->values_length;
        stream->current.value_length = 0;
        stream->ignoring = 0;
        for (int index = 0; index < attribute_count; index++) {
            const char *attribute = (const char *)attributes[index * 5];
            const xmlChar *value = attributes[index * 5 + 3];
            int length = (int)(attributes[index * 5 + 4] - value);
            if (strcmp(attribute, "r") == 0) {
                stream->current.column = column_of(value, length);
            } else if (strcmp(attribute, "s") == 0) {
                stream->current.style = integer_of(value, length);
            } else if (strcmp(attribute, "t") == 0) {
                if (length == 1) stream->current.type = (char)value[0];  // s, b, e, n
                else if (length == 3 && memcmp(value, "str", 3) == 0) stream->current.type = 'S';
                else if (length == 9 && memcmp(value, "inlineStr", 9) == 0) stream->current.type = 'i';
                else stream->current.type = 'S';  // d (ISO date) and anything newer: its text as written
            }
        }
        // A row holds at most Excel's 16,384 columns, whatever its references say: more is counted.
        if (stream->current.column >= HZ_MAX_COLUMNS || stream->count >= HZ_MAX_COLUMNS) {
            stream->ignoring = 1;
            stream->ignored++;
        }
    } else if (strcmp(name, "v") == 0) {
        stream->in_value = 1;
    } else if (strcmp(name, "t") == 0) {
        if (stream->in_inline && !stream->in_phonetic) stream->in_value = 1;
    } else if (strcmp(name, "is") == 0) {
        stream->in_inline = 1;
    } else if (strcmp(name, "rPh") == 0) {
        stream->in_phonetic = 1;
    } else if (strcmp(name, "row") == 0) {
        stream->count = 0;
        stream->ignored = 0;
        stream->values_length = 0;
        int row = stream->row + 1;
        for (int index = 0; index < attribute_count; index++) {
            if (strcmp((const char *)attributes[index * 5], "r") == 0) {
                row = integer_of(attributes[index * 5 + 3], (int)(attributes[index * 5 + 4] - attributes[index * 5 + 3]));
            }
        }
        stream->row = row;
    }
}

static void sheet_text(void *context, const xmlChar *bytes, int count) {
    hz_sheet_stream *stream = context;
    if (!stream->in_value || stream->ignoring || count <= 0) return;
    if (stream->values_length + count > stream->values_capacity) {
        int capacity = stream->values_capacity * 2 + count + 64;
        unsigned char *grown = realloc(stream->values, (size_t)capacity);
        if (grown == NULL) { xmlStopParser(stream->context); return; }
        stream->values = grown;
        stream->values_capacity = capacity;
    }
    memcpy(stream->values + stream->values_length, bytes, (size_t)count);
    stream->values_length += count;
    stream->current.value_length += count;
}

static void sheet_end(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    hz_sheet_stream *stream = context;
    const char *name = (const char *)localname;
    if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0) {
        stream->in_value = 0;
    } else if (strcmp(name, "is") == 0) {
        stream->in_inline = 0;
    } else if (strcmp(name, "rPh") == 0) {
        stream->in_phonetic = 0;
    } else if (strcmp(name, "c") == 0) {
        if (stream->ignoring) {
            stream->ignoring = 0;
            return;
        }
        if (stream->count == stream->capacity) {
            int capacity = stream->capacity * 2 + 16;
            hz_sheet_cell *grown = realloc(stream->cells, sizeof(hz_sheet_cell) * (size_t)capacity);
            if (grown == NULL) { xmlStopParser(stream->context); return; }
            stream->cells = grown;
            stream->capacity = capacity;
        }
        stream->cells[stream->count++] = stream->current;
    } else if (strcmp(name, "row") == 0) {
        stream->row_callback(stream->user, stream->row, stream->cells, stream->count, stream->values, stream->ignored);
        stream->count = 0;
        stream->ignored = 0;
        stream->values_length = 0;
    }
}

hz_sheet_stream *hz_sheet_stream_new(void *user, hz_sheet_row row) {
    hz_sheet_stream *stream = calloc(1, sizeof(hz_sheet_stream));
    if (stream == NULL) return NULL;
    stream->handler.initialized = XML_SAX2_MAGIC;
    stream->handler.startElementNs = sheet_start;
    stream->handler.endElementNs = sheet_end;
    stream->handler.characters = sheet_text;
    stream->handler.cdataBlock = sheet_text;
    stream->user = user;
    stream->row_callback = row;
    stream->context = push_context(&stream->handler, stream);
    if (stream->context == NULL) {
        free(stream);
        return NULL;
    }
    return stream;
}

void hz_sheet_stream_free(hz_sheet_stream *stream) {
    if (stream == NULL) return;
    xmlFreeParserCtxt(stream->context);
    free(stream->cells);
    free(stream->values);
    free(stream);
}

int hz_sheet_stream_feed(hz_sheet_stream *stream, const char *bytes, int count, int is_last) {
    return xmlParseChunk(stream->context, bytes, count, is_last);
}

const char *hz_sheet_stream_error(hz_sheet_stream *stream, int *line) { return last_error(stream->context, line); }

static void html_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    hz_xml_stream *stream = context;
    const char *names[HZ_MAX_ATTRIBUTES];
    const char *values[HZ_MAX_ATTRIBUTES];
    int lengths[HZ_MAX_ATTRIBUTES];
    int count = 0;
    for (int index = 0; attributes != NULL && attributes[index] != NULL && count < HZ_MAX_ATTRIBUTES; index += 2) {
        names[count] = (const char *)attributes[index];
        values[count] = attributes[index + 1] != NULL ? (const char *)attributes[index + 1] : "";
        lengths[count] = (int)strlen(values[count]);
        count++;
    }
    stream->start(stream->user, (const char *)name, count, names, values, lengths);
}

static void html_end(void *context, const xmlChar *name) {
    hz_xml_stream *stream = context;
    stream->end(stream->user, (const char *)name);
}

hz_xml_stream *hz_html_stream_new(void *user, hz_xml_start start, hz_xml_text text, hz_xml_end end) {
    hz_xml_stream *stream = calloc(1, sizeof(hz_xml_stream));
    if (stream == NULL) return NULL;
    stream->handler.startElement = html_start;
    stream->handler.endElement = html_end;
    stream->handler.characters = on_text;
    stream->handler.cdataBlock = on_text;
    stream->user = user;
    stream->start = start;
    stream->text = text;
    stream->end = end;
    stream->is_html = 1;
    stream->context = (xmlParserCtxtPtr)htmlCreatePushParserCtxt(&stream->handler, stream, NULL, 0, NULL,
                                                                 XML_CHAR_ENCODING_UTF8);
    if (stream->context == NULL) {
        free(stream);
        return NULL;
    }
    // The bytes arrive as UTF-8 (decoded by the caller): a meta charset must not switch them again.
    htmlCtxtUseOptions(stream->context, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                        HTML_PARSE_RECOVER);
    return stream;
}

struct hz_inflater {
    z_stream stream;
};

hz_inflater *hz_inflater_new(void) {
    hz_inflater *inflater = calloc(1, sizeof(hz_inflater));
    if (inflater == NULL) return NULL;
    // Negative window bits: a ZIP entry's raw deflate data, without a zlib header.
    if (inflateInit2(&inflater->stream, -MAX_WBITS) != Z_OK) {
        free(inflater);
        return NULL;
    }
    return inflater;
}

void hz_inflater_free(hz_inflater *inflater) {
    if (inflater == NULL) return;
    inflateEnd(&inflater->stream);
    free(inflater);
}

int hz_inflate(hz_inflater *inflater, const unsigned char *input, size_t count, size_t *used, unsigned char *output,
               size_t capacity, size_t *made) {
    z_stream *stream = &inflater->stream;
    stream->next_in = (unsigned char *)input;
    stream->avail_in = count > 0x40000000 ? 0x40000000 : (unsigned int)count;
    stream->next_out = output;
    stream->avail_out = capacity > 0x40000000 ? 0x40000000 : (unsigned int)capacity;
    unsigned int offered_in = stream->avail_in, offered_out = stream->avail_out;
    int status = inflate(stream, Z_NO_FLUSH);
    *used = offered_in - stream->avail_in;
    *made = offered_out - stream->avail_out;
    if (status == Z_STREAM_END) return 1;
    if (status == Z_OK || status == Z_BUF_ERROR) return 0;
    return -1;
}

unsigned int hz_crc32(unsigned int crc, const void *bytes, size_t count) {
    return (unsigned int)crc32_z(crc, bytes, count);
}
