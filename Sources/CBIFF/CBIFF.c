#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <freexl.h>
#include "CBIFF.h"
#include "CTextScan.h"

/* AddressSanitizer reserves far more address space than any memory limit allows. */
#if defined(__SANITIZE_ADDRESS__)
#define HUIZONG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HUIZONG_ASAN 1
#endif
#endif

#ifdef HUIZONG_ASAN
/* The sanitizer's hook that libFuzzer sets to save a crashing input: in the child, a crash of
   the library is the file's finding, not the fuzzer's. */
void __sanitizer_set_death_callback(void (*callback)(void));
#endif

/* The child writes through one 64 KiB buffer with write(2); a failed write ends it. */
struct out {
    int fd;
    size_t used;
    unsigned char bytes[65536];
};

static void flush_out(struct out *o) {
    size_t done = 0;
    while (done < o->used) {
        ssize_t n = write(o->fd, o->bytes + done, o->used - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) _exit(3);
        done += (size_t)n;
    }
    o->used = 0;
}

static void put(struct out *o, const void *data, size_t count) {
    const unsigned char *p = data;
    while (count > 0) {
        if (o->used == sizeof o->bytes) flush_out(o);
        size_t take = sizeof o->bytes - o->used;
        if (take > count) take = count;
        memcpy(o->bytes + o->used, p, take);
        o->used += take;
        p += take;
        count -= take;
    }
}

static void put_text(struct out *o, const char *text) {
    uint32_t length = text ? (uint32_t)strlen(text) : 0;
    put(o, &length, sizeof length);
    if (length) put(o, text, length);
}

/* Records: 'S' name (a sheet, its cells follow), 'C' row column type value (a cell),
   'F' count (cells of the sheet the library could not read), 'K' name (a sheet it could not open),
   'M' count (sheets past the 255 read), 'X' code (not readable: 1 not a workbook, 2 a password),
   'E' (the end). Native byte order:
   the parent is the same program on the same machine. */
static void dump(const char *path, int fd) {
    static struct out o;
    o.fd = fd;
    o.used = 0;
    const void *handle = NULL;
    if (freexl_open(path, &handle) != FREEXL_OK || handle == NULL) {
        put(&o, "X\1", 2);
        flush_out(&o);
        return;
    }
    unsigned int info = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        put(&o, "X\2", 2);
        flush_out(&o);
        return;
    }
    unsigned int count = 0;
    freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count);
    for (unsigned short sheet = 0; sheet < count && sheet < 255; sheet++) {
        const char *name = NULL;
        freexl_get_worksheet_name(handle, sheet, &name);
        /* A sheet the library cannot open is named, never dropped in silence. */
        int opened = freexl_select_active_worksheet(handle, sheet) == FREEXL_OK;
        put(&o, opened ? "S" : "K", 1);
        put_text(&o, name);
        if (!opened) continue;
        uint32_t unread = 0;
        unsigned int rows = 0;
        unsigned short columns = 0;
        freexl_worksheet_dimensions(handle, &rows, &columns);
        for (unsigned int row = 0; row < rows; row++) {
            for (unsigned short column = 0; column < columns; column++) {
                FreeXL_CellValue value;
                if (freexl_get_cell_value(handle, row, column, &value) != FREEXL_OK) {
                    unread++;
                    continue;
                }
                unsigned char type = value.type;
                if (type == FREEXL_CELL_NULL) continue;
                put(&o, "C", 1);
                put(&o, &row, sizeof row);
                put(&o, &column, sizeof column);
                put(&o, &type, 1);
                switch (type) {
                case FREEXL_CELL_INT: {
                    int64_t v = value.value.int_value;
                    put(&o, &v, sizeof v);
                    break;
                }
                case FREEXL_CELL_DOUBLE: put(&o, &value.value.double_value, sizeof(double)); break;
                default: put_text(&o, value.value.text_value); break;
                }
            }
        }
        /* Cells the library could not read: the sheet cannot be read with certainty. */
        if (unread > 0) {
            put(&o, "F", 1);
            put(&o, &unread, sizeof unread);
        }
    }
    /* Sheets past the 255 read: named by their count. */
    if (count > 255) {
        uint32_t more = count - 255;
        put(&o, "M", 1);
        put(&o, &more, sizeof more);
    }
    put(&o, "E", 1);
    flush_out(&o);
    freexl_close(handle);
}

/* The codepage converters FreeXL asks iconv for, opened once in the parent and kept open: a
   child then finds their modules loaded and never has to load one itself. */
static void *kept_converters[3];

static void load_converters(void) {
    const char *from[] = {"UTF-16LE", "CP936", "CP1252"};
    for (size_t i = 0; i < sizeof from / sizeof *from; i++) kept_converters[i] = hz_converter_open("UTF-8", from[i]);
}

/* One fork at a time: a child never holds another child's pipe, whose end of file would then
   wait for it. */
static pthread_mutex_t forking = PTHREAD_MUTEX_INITIALIZER;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int huizong_xls_dump(const char *path, int file, size_t limit, unsigned seconds, unsigned char **buffer,
                     size_t *length, int *detail) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_converters);
    *buffer = NULL;
    *length = 0;
    *detail = 0;
    int fds[2];
    pthread_mutex_lock(&forking);
    if (pipe2(fds, O_CLOEXEC) != 0) {
        *detail = errno;
        pthread_mutex_unlock(&forking);
        return HUIZONG_XLS_NO_CHILD;
    }
    pid_t parent = getpid();
    /* No thread may be inside iconv_open or iconv_close while the process forks. */
    hz_converters_lock();
    pid_t pid = fork();
    hz_converters_unlock();
    if (pid < 0) {
        *detail = errno;
        close(fds[0]);
        close(fds[1]);
        pthread_mutex_unlock(&forking);
        return HUIZONG_XLS_NO_CHILD;
    }
    if (pid == 0) {
        /* The child: C only (the parent's other threads are gone), bounded, and no core file.
           It keeps only its pipe, above the standard descriptors, and dies with the parent. */
        int out = fcntl(fds[1], F_DUPFD_CLOEXEC, 3);
        if (out < 0) _exit(4);
        int quiet = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (quiet >= 0) {
            dup2(quiet, STDIN_FILENO);
            dup2(quiet, STDERR_FILENO);
        }
        int book = file >= 0 ? fcntl(file, F_DUPFD_CLOEXEC, out + 1) : -1;
        int last = book >= 0 ? book : out;
        for (int fd = 3; fd < last; fd++)
            if (fd != out) close(fd);
        syscall(SYS_close_range, (unsigned)last + 1, ~0U, 0);
        char own[64];
        if (book >= 0) {
            snprintf(own, sizeof own, "/proc/self/fd/%d", book);
            path = own;
        }
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(5);
        alarm(seconds + 1);
        fds[1] = out;
        /* The parent's crash handlers (Swift's backtracer) would report a crash of the library
           as the program's: the child dies quietly instead, and the parent names the file. */
        int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGXCPU};
        for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) signal(fatal[i], SIG_DFL);
#ifdef HUIZONG_ASAN
        __sanitizer_set_death_callback(NULL);
#endif
        struct rlimit cpu = {seconds, seconds + 1};
        setrlimit(RLIMIT_CPU, &cpu);
        struct rlimit core = {0, 0};
        setrlimit(RLIMIT_CORE, &core);
#ifndef HUIZONG_ASAN
        struct rlimit memory = {(rlim_t)2 << 30, (rlim_t)2 << 30};
        setrlimit(RLIMIT_AS, &memory);
#endif
        dump(path, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    pthread_mutex_unlock(&forking);
    size_t capacity = 1 << 16;
    unsigned char *bytes = malloc(capacity);
    int outcome = HUIZONG_XLS_DONE;
    double deadline = now_seconds() + seconds;
    while (bytes != NULL) {
        int wait_ms = (int)((deadline - now_seconds()) * 1000);
        if (wait_ms <= 0) {
            outcome = HUIZONG_XLS_TIMED_OUT;
            break;
        }
        struct pollfd ready = {fds[0], POLLIN, 0};
        int polled = poll(&ready, 1, wait_ms);
        if (polled < 0 && errno == EINTR) continue;
        if (polled < 0) {
            outcome = HUIZONG_XLS_NO_CHILD;
            *detail = errno;
            break;
        }
        if (polled == 0) continue; /* the deadline is checked above */
        if (*length == capacity) {
            if (capacity >= limit) {
                outcome = HUIZONG_XLS_TOO_LARGE;
                break;
            }
            capacity = capacity * 2 > limit ? limit : capacity * 2;
            unsigned char *grown = realloc(bytes, capacity);
            if (grown == NULL) {
                outcome = HUIZONG_XLS_TOO_LARGE;
                break;
            }
            bytes = grown;
        }
        ssize_t n = read(fds[0], bytes + *length, capacity - *length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; /* the end of the stream, or of the child */
        *length += (size_t)n;
    }
    if (outcome != HUIZONG_XLS_DONE || bytes == NULL) kill(pid, SIGKILL);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (bytes == NULL) {
        *detail = ENOMEM;
        return HUIZONG_XLS_NO_CHILD;
    }
    if (outcome == HUIZONG_XLS_DONE && WIFSIGNALED(status)) {
        outcome = HUIZONG_XLS_DIED;
        *detail = WTERMSIG(status);
    } else if (outcome == HUIZONG_XLS_DONE && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        outcome = HUIZONG_XLS_FAILED;
        *detail = WEXITSTATUS(status);
    }
    if (outcome != HUIZONG_XLS_DONE) {
        free(bytes);
        *length = 0;
        return outcome;
    }
    *buffer = bytes;
    return outcome;
}

int huizong_memory_file(const unsigned char *bytes, size_t count) {
    int fd = memfd_create("huizong-xls", MFD_CLOEXEC);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < count) {
        ssize_t n = write(fd, bytes + done, count - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    return fd;
}
