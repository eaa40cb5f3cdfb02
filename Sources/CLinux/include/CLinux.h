// The Linux system calls Glibc's Swift module leaves out: epoll and eventfd, for the live
// runtime's event loop (Sources/Runtime/EventLoop).
#ifndef CLINUX_H
#define CLINUX_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
#endif
