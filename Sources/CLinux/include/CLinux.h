// The Linux system calls Glibc's Swift module leaves out: epoll and eventfd, for the live
// runtime's event loop (Sources/Runtime/EventLoop); and a signal handler that is pure C, for
// the runtime's Interrupt (a Swift function is not async-signal-safe).
#ifndef CLINUX_H
#define CLINUX_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

// Makes `signal_number` write one byte (the signal's number) to `fd` and return: the
// self-pipe trick. Only write(2), which is async-signal-safe, runs in the handler; errno is
// kept. A signal the process started with ignored stays ignored (a shell runs background
// jobs with SIGINT ignored, so that Ctrl-C spares them). Returns 0 when installed, 1 when
// left ignored, or -1 with errno set.
int clinux_signal_to_pipe(int signal_number, int fd);
#endif
