// OpenSSL's libcrypto (libssl-dev): the message digests.
#include <openssl/evp.h>
