// CLinux.h makes epoll and eventfd visible to Swift; the one function here is the signal
// handler of the self-pipe trick, which must be C: nothing but async-signal-safe calls.
#include "CLinux.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t clinux_signal_fd = -1;

static void clinux_signal_handler(int signal_number) {
  int saved = errno;
  unsigned char byte = (unsigned char)signal_number;
  int fd = clinux_signal_fd;
  if (fd >= 0) {
    ssize_t ignored = write(fd, &byte, 1);
    (void)ignored;
  }
  errno = saved;
}

int clinux_signal_to_pipe(int signal_number, int fd) {
  struct sigaction current;
  if (sigaction(signal_number, NULL, &current) != 0) return -1;
  if (current.sa_handler == SIG_IGN) return 1;
  clinux_signal_fd = fd;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = clinux_signal_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  return sigaction(signal_number, &action, NULL);
}
