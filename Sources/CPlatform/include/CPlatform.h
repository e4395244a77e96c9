#ifndef HUIZONG_CPLATFORM_H
#define HUIZONG_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE): the published output
/// folder and its freshly built replacement. Returns 0, or -1 with errno set (ENOSYS or
/// EINVAL where the kernel or file system cannot exchange).
int huizong_exchange_paths(const char *from, const char *to);



#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, present only in the fuzz build (Scripts/fuzz): the fuzz target's main
/// calls it, because SwiftPM names an executable's entry point itself.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
