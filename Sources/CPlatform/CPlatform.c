#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "CPlatform.h"

int huizong_exchange_paths(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    (void)from; (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

/* Opens `path` below `root` one component at a time, never following a link (O_NOFOLLOW on
   every step): works for paths longer than PATH_MAX, and where openat2 is missing. */
static int open_by_components(int root, const char *path, int flags) {
    int dir = root;
    const char *start = path;
    char name[NAME_MAX + 1];
    for (;;) {
        const char *slash = strchr(start, '/');
        size_t length = slash ? (size_t)(slash - start) : strlen(start);
        if (length == 0 || length > NAME_MAX || (length == 2 && start[0] == '.' && start[1] == '.')) {
            if (dir != root) close(dir);
            errno = length > NAME_MAX ? ENAMETOOLONG : EXDEV;
            return -1;
        }
        memcpy(name, start, length);
        name[length] = 0;
        int next = slash ? openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                         : openat(dir, name, flags | O_NOFOLLOW);
        int saved = errno;
        if (dir != root) close(dir);
        errno = saved;
        if (next < 0 || !slash) return next;
        dir = next;
        start = slash + 1;
    }
}

#ifndef RESOLVE_BENEATH
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_BENEATH 0x08
#endif

struct huizong_open_how { uint64_t flags, mode, resolve; };

int huizong_open_beneath(int root, const char *path, int flags) {
#if defined(__linux__) && defined(SYS_openat2)
    if (strlen(path) < PATH_MAX) {
        struct huizong_open_how how = { (uint64_t)(flags | O_CLOEXEC), 0, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
        int descriptor = (int)syscall(SYS_openat2, root, path, &how, sizeof how);
        if (descriptor >= 0 || (errno != ENOSYS && errno != EPERM && errno != E2BIG && errno != ENAMETOOLONG)) {
            return descriptor;
        }
    }
#endif
    return open_by_components(root, path, flags | O_CLOEXEC);
}

int huizong_open_unnamed(const char *folder) {
#ifdef O_TMPFILE
    return open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
#else
    (void)folder;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int huizong_link_unnamed(int descriptor, const char *path) {
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", descriptor);
    return linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}
