// SHA-256 of input files, from OpenSSL's libcrypto (Debian's libssl-dev): hardware-accelerated.
#include <openssl/evp.h>
