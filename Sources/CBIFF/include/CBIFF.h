#ifndef HUIZONG_CBIFF_H
#define HUIZONG_CBIFF_H
#include <stddef.h>

/// How `huizong_xls_dump` ended.
enum huizong_xls_outcome {
    HUIZONG_XLS_DONE = 0,      /// the child read the workbook; the stream is in *buffer
    HUIZONG_XLS_DIED = 1,      /// the child died by signal *detail (FreeXL crashed on the bytes)
    HUIZONG_XLS_FAILED = 2,    /// the child exited with status *detail
    HUIZONG_XLS_TOO_LARGE = 3, /// the stream passed `limit` bytes; the child was stopped
    HUIZONG_XLS_TIMED_OUT = 4, /// the child ran past `seconds`; it was stopped
    HUIZONG_XLS_NO_CHILD = 5,  /// no pipe or process could be made; errno in *detail
};

/// Reads the old Excel workbook at `path` (or, when `file` is a descriptor, the file it is open on)
/// with FreeXL in a child process, so that a crash or a runaway inside the library on corrupted
/// bytes ends that child, not the run. The child keeps no other descriptor of the parent's and
/// dies with it. The child writes
/// a stream of records on a pipe (see BIFFWorkbook.swift); the parent collects at most `limit`
/// bytes of it within `seconds` of wall time (the child also gets `seconds` of CPU). On DONE,
/// *buffer holds the stream (free it with free()) and *length its size.
int huizong_xls_dump(const char *path, int file, size_t limit, unsigned seconds, unsigned char **buffer,
                     size_t *length, int *detail);

/// The bytes as a file that lives only in memory (memfd), for FreeXL to open by
/// `/proc/self/fd/N`: no copy of a unit's workbook is left in a temporary folder by a killed run.
/// Returns the descriptor (close it), or -1 where the system has none.
int huizong_memory_file(const unsigned char *bytes, size_t count);
#endif
