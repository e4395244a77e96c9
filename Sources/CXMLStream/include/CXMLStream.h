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
