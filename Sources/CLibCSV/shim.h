// The one C header Huizong reads: libcsv 3 (Debian's libcsv-dev).
#include <csv.h>
