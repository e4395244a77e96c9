#include "CXMLStream.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdlib.h>
#include <string.h>

struct hz_xml_stream {
    xmlSAXHandler handler;
    xmlParserCtxtPtr context;
    void *user;
    hz_xml_start start;
    hz_xml_text text;
    hz_xml_end end;
};

#define HZ_MAX_ATTRIBUTES 32

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
    stream->context = xmlCreatePushParserCtxt(&stream->handler, stream, NULL, 0, NULL);
    if (stream->context == NULL) {
        free(stream);
        return NULL;
    }
    // No network and no external entities or DTDs: a workbook part is read as the bytes it is.
    xmlCtxtUseOptions(stream->context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    return stream;
}

void hz_xml_stream_free(hz_xml_stream *stream) {
    if (stream == NULL) return;
    xmlFreeParserCtxt(stream->context);
    free(stream);
}

int hz_xml_stream_feed(hz_xml_stream *stream, const char *bytes, int count, int is_last) {
    return xmlParseChunk(stream->context, bytes, count, is_last);
}

const char *hz_xml_stream_error(hz_xml_stream *stream, int *line) {
    const xmlError *error = xmlCtxtGetLastError(stream->context);
    if (error == NULL) {
        *line = 0;
        return "not XML";
    }
    *line = error->line;
    return error->message != NULL ? error->message : "not XML";
}
