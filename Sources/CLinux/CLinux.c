// Nothing to compile: CLinux.h only makes epoll and eventfd visible to Swift.
#include "CLinux.h"
