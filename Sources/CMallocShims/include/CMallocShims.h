#ifndef CMALLOCSHIMS_H
#define CMALLOCSHIMS_H

/// glibc's mallopt(M_MMAP_THRESHOLD, bytes): allocations of at least `bytes` are mapped on
/// their own and returned to the system when freed; setting it turns off glibc's dynamic
/// threshold. Returns 1 on success.
int CMallocShims_setMmapThreshold(int bytes);

#endif
