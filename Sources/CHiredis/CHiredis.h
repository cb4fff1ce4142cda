// hiredis (libhiredis-dev): the Redis client of cluster mode (blocking calls, one context per connection).
#include <hiredis/hiredis.h>
