#ifndef HUIZONG_CPLATFORM_H
#define HUIZONG_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE): the published output
/// folder and its freshly built replacement. Returns 0, or -1 with errno set (ENOSYS or
/// EINVAL where the kernel or file system cannot exchange).
int huizong_exchange_paths(const char *from, const char *to);

/// Opens `path` (relative, '/'-separated) below the folder `root` without ever leaving it:
/// links are followed only while they resolve inside `root` (Linux openat2 RESOLVE_BENEATH);
/// one that leads outside fails with EXDEV. Where openat2 is missing, or the path is longer
/// than PATH_MAX, the path is walked one component at a time and no link is followed (ELOOP).
/// `flags` as for open(2); O_CLOEXEC is added. Returns the descriptor, or -1 with errno set.
int huizong_open_beneath(int root, const char *path, int flags);

/// A file with no name yet in `folder` (O_TMPFILE), written whole and then given its name by
/// `huizong_link_unnamed`: a killed run never leaves a file torn half-way under an output's name.
/// Returns the descriptor, or -1 with errno set where the file system has no such files.
int huizong_open_unnamed(const char *folder);

/// Names the unnamed file `descriptor` as `path` (linkat through /proc/self/fd); fails with
/// EEXIST if `path` exists. Returns 0, or -1 with errno set.
int huizong_link_unnamed(int descriptor, const char *path);

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, present only in the fuzz build (Scripts/fuzz): the fuzz target's main
/// calls it, because SwiftPM names an executable's entry point itself.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// libFuzzer's own mutation, for a custom mutator to fall back on (fuzz build only).
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
#endif
