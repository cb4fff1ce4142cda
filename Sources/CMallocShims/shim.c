#include <malloc.h>
#include "CMallocShims.h"

int CMallocShims_setMmapThreshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
