#ifndef CESPEAK_H
#define CESPEAK_H
#include <espeak-ng/speak_lib.h>
#endif
